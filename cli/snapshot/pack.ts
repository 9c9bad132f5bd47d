import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { create } from "tar";

export interface PackedSnapshot {
  file: string;
  size: number;
  sha256: string;
}

/**
 * Writes `files` (paths relative to `root`) into a gzip tarball. Owners, modes beyond the basics and
 * times are left out, so the same tree always packs to the same bytes and the same sha256.
 */
export async function packSnapshot(root: string, files: string[], file: string): Promise<PackedSnapshot> {
  await create({ gzip: true, cwd: root, file, portable: true, noMtime: true, noDirRecurse: true }, files);
  const { size } = await stat(file);
  return { file, size, sha256: await sha256File(file) };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
