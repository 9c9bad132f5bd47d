import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import type { AddressInfo } from "node:net";
// @ts-expect-error: s3rver ships no types
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "./blob-store";
import { localBlobStore } from "./local-blob-store";
import { s3BlobStore } from "./s3-blob-store";

const sha = "a".repeat(64);
const tmp = () => mkdtempSync(path.join(tmpdir(), "trainyard-blob-"));

// s3rver is an S3-compatible server on the loopback: the real AWS SDK client talks to it over HTTP.
let s3: { close: () => Promise<void> };
let endpoint = "";
beforeAll(async () => {
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: tmp(), configureBuckets: [{ name: "artifacts" }] });
  const address = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
  s3 = server;
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
});
afterAll(async () => {
  await s3.close();
});

const stores: [string, () => BlobStore][] = [
  ["local folder", () => localBlobStore(tmp())],
  ["S3-compatible bucket", () => s3BlobStore({ bucket: "artifacts", prefix: "trainyard/", endpoint, region: "us-east-1", forcePathStyle: true, tmpDir: tmp() })],
];

describe.each(stores)("blob store: %s", (_name, make) => {
  it("stores a file under its digest once and reads it back", async () => {
    const store = make();
    const file = path.join(tmp(), "upload");
    writeFileSync(file, "hello weights");
    await store.putFile(sha, file, 13);
    const again = path.join(tmp(), "upload2");
    writeFileSync(again, "hello weights");
    await store.putFile(sha, again, 13);
    expect(await text(await store.get(sha))).toBe("hello weights");
  });

  it("fails to read an object it does not have", async () => {
    await expect(make().get("b".repeat(64))).rejects.toThrow();
  });
});
