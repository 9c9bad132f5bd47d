import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { SingleBar } from "cli-progress";
import { SnapshotBody } from "../../server/http/contracts/jobs";
import { ApiError } from "../http/errors";
import { apiRequest, type Endpoint } from "../http/request";
import { wire } from "../http/wire";
import { UsageError } from "../options";
import type { Snapshot } from "../user-api";
import type { PackedSnapshot } from "./pack";

const UPLOAD_TIMEOUT_MS = 30 * 60_000;

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Uploads a packed snapshot; a progress bar on stderr when someone is watching it. */
export async function uploadSnapshot(endpoint: Endpoint, projectId: string, packed: PackedSnapshot, showProgress: boolean): Promise<Snapshot> {
  const bar = showProgress
    ? new SingleBar({ format: "uploading code [{bar}] {percentage}% {sent}/{size}", stream: process.stderr, hideCursor: true, clearOnComplete: true })
    : undefined;
  bar?.start(packed.size, 0, { sent: formatBytes(0), size: formatBytes(packed.size) });
  let sent = 0;
  const source = createReadStream(packed.file);
  source.on("data", (chunk) => {
    sent += chunk.length;
    bar?.update(sent, { sent: formatBytes(sent) });
  });
  try {
    return await apiRequest({
      ...endpoint,
      method: "POST",
      path: `/api/v1/projects/${encodeURIComponent(projectId)}/code-snapshots`,
      body: Readable.toWeb(source) as ReadableStream<Uint8Array>,
      headers: { "content-type": "application/gzip", "content-length": String(packed.size) },
      response: wire(SnapshotBody),
      timeoutMs: UPLOAD_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) {
      throw new UsageError(
        `the code snapshot is too large for the server (${formatBytes(packed.size)}): ${error.message}. ` +
          "Exclude data, checkpoints and virtual environments with a .gitignore, or launch from git with --git.",
      );
    }
    throw error;
  } finally {
    bar?.stop();
    source.destroy();
  }
}
