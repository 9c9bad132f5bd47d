import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Secrets the server must read back (webhook signing secrets, later Slurm JWTs) are stored sealed
// with AES-256-GCM under a key derived from the server secret, one key per purpose (HKDF info), so
// a database dump alone reveals none of them.

const VERSION = "v1";

/** A 32-byte key for one purpose, e.g. "trainyard webhook secrets". */
export function deriveKey(serverSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", serverSecret, Buffer.alloc(0), purpose, 32));
}

/**
 * `v1.<iv>.<tag>.<ciphertext>` in base64url. `context` (e.g. the row's id) is bound as associated
 * data, so a sealed value copied onto another row does not open there.
 */
export function seal(key: Buffer, plaintext: string, context = ""): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plaintext; throws when the value was sealed under another key or context, or altered. */
export function unseal(key: Buffer, sealed: string, context = ""): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
