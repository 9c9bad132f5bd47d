import { createReadStream } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore } from "./blob-store";
import { objectName } from "./blob-store";

export function localBlobStore(root: string): BlobStore {
  const objects = path.join(root, "objects");
  const tmpDir = path.join(root, "tmp");
  return {
    kind: "local",
    tmpDir,
    async putFile(sha256, file) {
      const target = path.join(objects, objectName(sha256));
      const exists = await access(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file, target);
    },
    async get(sha256): Promise<Readable> {
      const target = path.join(objects, objectName(sha256));
      await access(target);
      return createReadStream(target);
    },
  };
}
