import { describe, expect, it } from "vitest";
import { jsonPieces, jsonResponse, STREAM_ITEMS, streamedField } from "./json-response";

const long = (n: number) => Array.from({ length: n }, (_, i) => ({ step: i, value: i % 7 === 0 ? Number.NaN : i / 3, timestamp: 1_700_000_000_000 + i }));

describe("jsonResponse", () => {
  it("sends a small answer as one string with its length", async () => {
    const res = jsonResponse({ accepted: 3, rejected: [] }, 207);
    expect(res.status).toBe(207);
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(res.headers.get("cache-control")).toBe("no-transform");
    expect(JSON.parse(text)).toEqual({ accepted: 3, rejected: [] });
  });

  it("streams an answer with a long array, byte for byte what JSON.stringify writes", async () => {
    const body = { key: "train/loss \"quoted\"", total: STREAM_ITEMS + 4321, skipped: undefined, at: new Date(0), points: long(STREAM_ITEMS + 4321), tail: { nested: [1, null] } };
    expect(streamedField(body)).toBe("points");
    const res = jsonResponse(body, 200);
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe(JSON.stringify(body));
  });

  it("writes the same text in pieces for any field order and size", () => {
    const cases: Record<string, unknown>[] = [
      { points: long(STREAM_ITEMS + 1) },
      { points: long(2 * 2000), after: "x" },
      { before: 1, points: [] },
      { fn: () => 1, points: long(3) },
    ];
    for (const body of cases) expect([...jsonPieces(body, "points")].join("")).toBe(JSON.stringify(body));
  });

  it("streams only plain objects with an array past the threshold", () => {
    expect(streamedField({ points: long(STREAM_ITEMS) })).toBeNull();
    expect(streamedField(long(STREAM_ITEMS + 1))).toBeNull();
    expect(streamedField(null)).toBeNull();
    expect(streamedField(new (class { points = long(STREAM_ITEMS + 1) })())).toBeNull();
  });
});
