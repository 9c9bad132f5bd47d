// A JSON answer with one very long array (a 100k-point series) is written out in slices as the
// client reads it: the client receives and decodes (gunzips) the first slices while the server
// still serializes the rest, and no copy of the whole document is held at once.

/** Arrays longer than this are streamed; shorter answers are one string. */
export const STREAM_ITEMS = 10_000;
const SLICE_ITEMS = 2_000;

/** The field of a plain object that holds an array long enough to stream, if any. */
export function streamedField(body: unknown): string | null {
  if (body === null || typeof body !== "object" || Array.isArray(body) || Object.getPrototypeOf(body) !== Object.prototype) return null;
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.length > STREAM_ITEMS) return name;
  }
  return null;
}

/** The same text JSON.stringify(body) gives, in pieces; `field` is the long array's name. */
export function* jsonPieces(body: Record<string, unknown>, field: string): Generator<string> {
  let first = true;
  for (const [name, value] of Object.entries(body)) {
    const key = `${first ? "{" : ","}${JSON.stringify(name)}:`;
    if (name !== field) {
      const text = JSON.stringify(value);
      // As JSON.stringify does: undefined, functions and symbols leave the field out.
      if (text === undefined) continue;
      yield key + text;
    } else {
      const items = value as unknown[];
      yield `${key}[`;
      for (let at = 0; at < items.length; at += SLICE_ITEMS) {
        const slice = JSON.stringify(items.slice(at, at + SLICE_ITEMS));
        yield (at === 0 ? "" : ",") + slice.slice(1, -1);
      }
      yield "]";
    }
    first = false;
  }
  yield first ? "{}" : "}";
}

/** A byte stream of the pieces, one piece per read, so the client's pace sets the server's. */
export function jsonStream(body: Record<string, unknown>, field: string): ReadableStream<Uint8Array> {
  const pieces = jsonPieces(body, field);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

// Next.js gzips every JSON answer whose length it does not know (it drops a route's own
// Content-Length), so each metric batch's few-byte answer paid for a zlib stream, about 1 ms of
// CPU. Below the 1 KB that gzip would skip anyway, no-transform opts out.
const SMALL_BODY = 1024;

/**
 * A JSON answer: one string with its Content-Length (which the direct routes send, see
 * direct/node-adapter.ts), or, with an array of more than 10,000 items, a stream of slices.
 */
export function jsonResponse(body: unknown, status: number, extra?: Headers): Response {
  const headers = new Headers(extra);
  headers.set("content-type", "application/json");
  const field = streamedField(body);
  if (field) return new Response(jsonStream(body as Record<string, unknown>, field), { status, headers });
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  if (length < SMALL_BODY && !headers.has("cache-control")) headers.set("cache-control", "no-transform");
  headers.set("content-length", String(length));
  return new Response(text, { status, headers });
}
