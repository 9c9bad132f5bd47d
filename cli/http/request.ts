import type { z } from "zod";
import { ErrorBody } from "../../server/http/contracts/common";
import { ApiError, NetworkError, ProtocolError } from "./errors";

export interface Endpoint {
  server: string;
  token?: string;
}

export interface FetchOptions extends Endpoint {
  method: "GET" | "POST";
  path: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a tarball), with `headers` saying what it is. */
  body?: BodyInit;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function apiUrl(server: string, path: string): string {
  return server.replace(/\/+$/, "") + path;
}

/**
 * One HTTP exchange. Throws ApiError for an error status (with the server's message), NetworkError
 * when there was no answer in time, and the caller's own abort reason when it gave up.
 */
export async function apiFetch(options: FetchOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    // Streams need half-duplex in Node's fetch; the option is absent from the DOM typings.
    const init: RequestInit & { duplex?: "half" } = { method: options.method, headers, body, signal };
    if (body instanceof ReadableStream) init.duplex = "half";
    response = await fetch(apiUrl(options.server, options.path), init);
  } catch (error) {
    throw toNetworkError(error, options);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** apiFetch, then the JSON answer checked against the contract's response schema. */
export async function apiRequest<T>(options: FetchOptions & { response: z.ZodType<T> }): Promise<T> {
  const response = await apiFetch(options);
  let data: unknown;
  try {
    data = await response.json();
  } catch (error) {
    if (error instanceof SyntaxError) throw new ProtocolError(`${options.method} ${options.path}: the answer is not JSON`);
    throw toNetworkError(error, options);
  }
  const parsed = options.response.safeParse(data);
  if (!parsed.success) {
    throw new ProtocolError(`${options.method} ${options.path}: unexpected answer (${parsed.error.issues[0]?.message ?? "invalid"})`);
  }
  return parsed.data;
}

export function toNetworkError(error: unknown, options: Pick<FetchOptions, "method" | "path" | "signal" | "server">): unknown {
  if (options.signal?.aborted) return options.signal.reason;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new NetworkError(`${options.method} ${options.path}: no answer from ${options.server} in time`, { cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const detail = cause ?? (error instanceof Error ? error.message : String(error));
  return new NetworkError(`${options.method} ${options.path}: cannot reach ${options.server} (${detail})`, { cause: error });
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let parsed: z.infer<typeof ErrorBody> | undefined;
  try {
    const result = ErrorBody.safeParse(JSON.parse(text));
    if (result.success) parsed = result.data;
  } catch {
    // Not JSON: a proxy's HTML page or an empty body; the status says enough.
  }
  const fallback = text.trim().length > 0 && text.length < 300 ? text.trim() : response.statusText || "request failed";
  return new ApiError(response.status, parsed?.error.code ?? `HTTP_${response.status}`, parsed?.error.message ?? fallback);
}
