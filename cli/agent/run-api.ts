import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AcceptedBody, MetricsBatchResult } from "../../server/http/contracts/tracking";
import { apiFetch, apiRequest, toNetworkError } from "../http/request";
import { wire } from "../http/wire";
import type { Logger } from "../logger";
import type { Deliver } from "./outbox";

const REQUEST_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

const acceptedBody = wire(AcceptedBody);
const metricsResult = wire(MetricsBatchResult);

/** A job's own run, reached with the run token the claim handed out. */
export interface RunEndpoint {
  server: string;
  runToken: string;
  runId: string;
}

/** Sends an outbox entry to the run's logs or metrics endpoint. */
export function runDeliverer(run: RunEndpoint, logger: Logger, label: string): Deliver {
  const base = { server: run.server, token: run.runToken, method: "POST" as const, timeoutMs: REQUEST_TIMEOUT_MS };
  const runPath = `/api/v1/runs/${encodeURIComponent(run.runId)}`;
  return async (entry, signal) => {
    if (entry.kind === "logs") {
      const headers = { "idempotency-key": entry.idempotencyKey };
      await apiRequest({ ...base, path: `${runPath}/logs`, json: entry.body, headers, response: acceptedBody, signal });
      return;
    }
    const headers = { "idempotency-key": entry.body.idempotency_key };
    const result = await apiRequest({ ...base, path: `${runPath}/metrics`, json: entry.body, headers, response: metricsResult, signal });
    // Points the server rejects (a bad key, say) will not get better by resending; say so once per batch.
    if (result.rejected.length > 0) {
      logger.warn(`${label}: the server rejected ${result.rejected.length} metric point(s): ${result.rejected[0]!.message}`);
    }
  };
}

/** Streams the run's code snapshot to `file`, returning the sha256 of what arrived. */
export async function downloadCode(run: RunEndpoint, file: string, signal?: AbortSignal): Promise<string> {
  const path = `/api/v1/runs/${encodeURIComponent(run.runId)}/code`;
  const options = { server: run.server, token: run.runToken, method: "GET" as const, path, signal };
  const response = await apiFetch({ ...options, headers: { accept: "application/gzip" }, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  if (!response.body) throw new Error(`GET ${path}: empty answer`);
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), hashing, createWriteStream(file));
  } catch (error) {
    // A local file error (a full disk) is ours to report, not a network outage to wait out.
    if (error instanceof Error && "path" in error) throw error;
    throw toNetworkError(error, options);
  }
  return hash.digest("hex");
}
