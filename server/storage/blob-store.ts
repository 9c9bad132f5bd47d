import type { Readable } from "node:stream";

/**
 * Content-addressed storage for artifacts: objects are named by their sha256, so the same file
 * logged twice is stored once and an object never changes after it is written.
 */
export interface BlobStore {
  readonly kind: "local" | "s3";
  /** Moves a fully written, already hashed temporary file into the store. */
  putFile(sha256: string, file: string, size: number): Promise<void>;
  get(sha256: string): Promise<Readable>;
  /** Where temporary upload files go (a local folder even when objects live in S3). */
  readonly tmpDir: string;
}

export function objectName(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("not a sha256 digest");
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
