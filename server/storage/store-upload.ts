import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DomainError } from "../errors";
import type { BlobStore } from "./blob-store";

/**
 * Streams an upload to a temporary file while hashing and metering it, then moves it into the
 * store by content. Larger than maxBytes → LIMIT_EXCEEDED (413) and nothing is stored.
 */
export async function storeUpload(blobs: BlobStore, body: AsyncIterable<Uint8Array>, maxBytes: number, what: string) {
  await mkdir(blobs.tmpDir, { recursive: true });
  const tmp = path.join(blobs.tmpDir, `upload-${randomBytes(8).toString("hex")}`);
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new DomainError("LIMIT_EXCEEDED", `${what} is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tmp));
    const sha256 = hash.digest("hex");
    await blobs.putFile(sha256, tmp, size);
    return { sha256, size };
  } finally {
    await rm(tmp, { force: true });
  }
}
