import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { BlobStore } from "./blob-store";
import { objectName } from "./blob-store";

export interface S3Options {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  tmpDir: string;
}

/** Any S3-compatible bucket; credentials come from the standard AWS environment variables. */
export function s3BlobStore(options: S3Options): BlobStore {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    // Many S3-compatible stores do not understand the SDK's default aws-chunked uploads with
    // trailing checksums; send plain bodies unless an operation requires a checksum.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const keyOf = (sha256: string) => `${options.prefix}${objectName(sha256)}`;
  return {
    kind: "s3",
    tmpDir: options.tmpDir,
    async putFile(sha256, file, size) {
      const Key = keyOf(sha256);
      const exists = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key })).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await client.send(
          new PutObjectCommand({ Bucket: options.bucket, Key, Body: createReadStream(file), ContentLength: size }),
        );
      }
      await rm(file, { force: true });
    },
    async get(sha256) {
      const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: keyOf(sha256) }));
      if (!out.Body) throw new Error("empty S3 object");
      return out.Body instanceof Readable ? out.Body : Readable.fromWeb(out.Body.transformToWebStream() as never);
    },
  };
}
