import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { createGzip, gzip } from "node:zlib";
import Negotiator from "negotiator";
import { logger } from "../../logger";
import { errorResponse } from "../errors";
import { canGzipInParallel, gzipPieces } from "./parallel-gzip";
import { type DirectMatch, matchDirectRoute } from "./routes";

const gzipAsync = promisify(gzip);

// Bodies are read whole before the handler runs, so only those of a declared, bounded length come
// here; anything else (chunked uploads, oversized bodies) goes to Next.js, which streams it and
// answers 413 the same way.
const MAX_BUFFERED_BODY = 8 * 1024 * 1024;
// Below this gzip saves nothing worth a zlib stream.
const MIN_GZIP = 1024;

/**
 * Serves a request that matches a direct route straight from Node's HTTP server and answers true;
 * answers false, touching nothing, for everything Next.js should serve.
 */
export function serveDirect(req: IncomingMessage, res: ServerResponse): boolean {
  const match = matchDirectRoute(req.method, req.url);
  if (!match) return false;
  if (req.method !== "GET") {
    const declared = req.headers["content-length"];
    if (declared === undefined || !/^\d+$/.test(declared) || Number(declared) > MAX_BUFFERED_BODY) return false;
  }
  answer(req, res, match).catch((error: unknown) => {
    // A client that hung up mid-body or mid-answer is not the server's failure.
    if (req.socket.destroyed) return;
    logger.error({ err: error, url: req.url }, "direct route failed");
    if (res.headersSent) res.destroy();
    else void send(req, res, errorResponse(500, "INTERNAL", "Internal server error"));
  });
  return true;
}

async function answer(req: IncomingMessage, res: ServerResponse, match: DirectMatch) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const body = req.method === "GET" ? undefined : await readBody(req);
  const request = new Request(requestUrl(req), { method: req.method, headers, body });
  const response = await match.handler(request, { params: Promise.resolve(match.params) });
  await send(req, res, response);
}

// Handlers read only the path and query from the URL: a Host header that makes no URL is not theirs to refuse.
function requestUrl(req: IncomingMessage): string {
  try {
    return new URL(req.url!, `http://${req.headers.host ?? "localhost"}`).href;
  } catch {
    return new URL(req.url!, "http://localhost").href;
  }
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
}

// Level 1: a 100k-point history (6.8 MB of JSON) gzips in 48 ms instead of 136 ms at the default
// level, for a body 8 % larger.
const GZIP = { level: 1 };

/**
 * Writes a handler's Response: one buffer with its length when the handler knew it (every JSON
 * answer but the streamed ones), else piped through as it is produced, gzipped piece by piece on
 * the thread pool (parallel-gzip.ts). Gzip when the client takes it and the body is worth it.
 */
async function send(req: IncomingMessage, res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && name !== "content-length") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const compressible = !response.headers.has("content-encoding") && !/no-transform/.test(response.headers.get("cache-control") ?? "");
  // Only a body that could be gzipped varies by Accept-Encoding, and only then is it negotiated:
  // a metric batch's few-byte answer skips both.
  const gzipped = (worthIt: boolean) => {
    if (!compressible || !worthIt) return false;
    headers.vary = "Accept-Encoding";
    if (new Negotiator(req).encoding(["gzip", "identity"]) !== "gzip") return false;
    headers["content-encoding"] = "gzip";
    return true;
  };

  if (response.headers.has("content-length") || !response.body) {
    let body: Buffer = Buffer.from(await response.arrayBuffer());
    if (gzipped(body.length >= MIN_GZIP)) body = await gzipAsync(body, GZIP);
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  const compress = gzipped(true);
  res.writeHead(response.status, headers);
  const body = response.body as NodeReadableStream<Uint8Array>;
  if (!compress) await pipeline(Readable.fromWeb(body), res);
  else if (canGzipInParallel) await pipeline(Readable.from(gzipPieces(body, GZIP.level)), res);
  else await pipeline(Readable.fromWeb(body), createGzip(GZIP), res);
}
