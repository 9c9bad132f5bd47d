import { createHash, randomBytes } from "node:crypto";

/** A high-entropy secret (API token, invite link); only its hash is ever stored. */
export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
