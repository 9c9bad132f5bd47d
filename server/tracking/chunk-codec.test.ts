import { describe, expect, it } from "vitest";
import { decodeChunk, encodeChunk, mergeChunks } from "./chunk-codec";

const pts = (steps: number[], values: number[], timestamps = steps.map((s) => 1000 + s)) => ({
  steps: Float64Array.from(steps),
  values: Float64Array.from(values),
  timestamps: Float64Array.from(timestamps),
});

describe("metric chunks", () => {
  it("round-trips points exactly, non-finite values and large integers included", () => {
    const p = pts([0, 1, 2, 2 ** 52], [0.1, NaN, Infinity, -Infinity], [1, 2, 3, 1_700_000_000_123]);
    const encoded = encodeChunk(p);
    expect(encoded).toMatchObject({ count: 4, stepMin: 0, stepMax: 2 ** 52, valueMin: -Infinity, valueMax: Infinity });
    expect(encoded.data.byteLength).toBe(4 * 24);
    const decoded = decodeChunk(encoded.data);
    expect([...decoded.steps]).toEqual([...p.steps]);
    expect([...decoded.values]).toEqual([...p.values]);
    expect([...decoded.timestamps]).toEqual([...p.timestamps]);
  });

  it("decodes from an unaligned buffer (as drivers and base64 hand them over)", () => {
    const { data } = encodeChunk(pts([5, 6], [1, 2]));
    const shifted = Buffer.alloc(data.length + 3);
    data.copy(shifted, 3);
    expect([...decodeChunk(shifted.subarray(3)).values]).toEqual([1, 2]);
  });

  it("leaves NaN out of min and max, and reports null when every value is NaN", () => {
    expect(encodeChunk(pts([0, 1], [NaN, 3]))).toMatchObject({ valueMin: 3, valueMax: 3 });
    expect(encodeChunk(pts([0], [NaN]))).toMatchObject({ valueMin: null, valueMax: null });
  });

  it("refuses a corrupt chunk", () => {
    expect(() => decodeChunk(new Uint8Array(25))).toThrow(/corrupt/);
  });

  it("merges out-of-order chunks by step, then timestamp, keeping repeated steps", () => {
    const merged = mergeChunks([pts([10, 11], [1, 2], [5, 6]), pts([0, 10], [3, 4], [1, 4])]);
    expect([...merged.steps]).toEqual([0, 10, 10, 11]);
    expect([...merged.values]).toEqual([3, 4, 1, 2]);
  });
});
