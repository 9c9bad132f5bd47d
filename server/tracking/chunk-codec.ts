import { COARSE_SPAN, encodeSummary } from "./chunk-summary";

/** Points of one series, as parallel columns. Steps and timestamps are integers (ms). */
export interface Points {
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

export interface EncodedChunk {
  data: Buffer;
  count: number;
  stepMin: number;
  stepMax: number;
  /** Over non-NaN values; null when every value is NaN. */
  valueMin: number | null;
  valueMax: number | null;
  /** Step-ordered value statistics per few points, for full-range charts (chunk-summary.ts). */
  summary: Buffer;
  /** The same with COARSE_SPAN points per entry. */
  summaryCoarse: Buffer;
}

/** Packs points as float64 little-endian columns: steps, then values, then timestamps. */
export function encodeChunk(points: Points): EncodedChunk {
  const n = points.steps.length;
  const packed = new Float64Array(n * 3);
  packed.set(points.steps, 0);
  packed.set(points.values, n);
  packed.set(points.timestamps, 2 * n);
  let stepMin = Infinity;
  let stepMax = -Infinity;
  let valueMin: number | null = null;
  let valueMax: number | null = null;
  for (let i = 0; i < n; i++) {
    const s = points.steps[i]!;
    if (s < stepMin) stepMin = s;
    if (s > stepMax) stepMax = s;
    const v = points.values[i]!;
    if (Number.isNaN(v)) continue;
    if (valueMin === null || v < valueMin) valueMin = v;
    if (valueMax === null || v > valueMax) valueMax = v;
  }
  const data = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  return { data, count: n, stepMin, stepMax, valueMin, valueMax, summary: encodeSummary(points), summaryCoarse: encodeSummary(points, COARSE_SPAN) };
}

// Float64Array needs 8-byte alignment; buffers from the driver or from base64 may not have it.
function aligned(bytes: Uint8Array): Float64Array {
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

export function decodeChunk(bytes: Uint8Array): Points {
  if (bytes.byteLength % 24 !== 0) throw new Error(`corrupt metric chunk: ${bytes.byteLength} bytes`);
  const all = aligned(bytes);
  const n = all.length / 3;
  return { steps: all.subarray(0, n), values: all.subarray(n, 2 * n), timestamps: all.subarray(2 * n) };
}

/** Concatenates chunks and orders the points by step, then timestamp (a stable merge). */
export function mergeChunks(chunks: Points[]): Points {
  const total = chunks.reduce((n, c) => n + c.steps.length, 0);
  const steps = new Float64Array(total);
  const values = new Float64Array(total);
  const timestamps = new Float64Array(total);
  let offset = 0;
  let sorted = true;
  let prevStep = -Infinity;
  let prevTs = -Infinity;
  for (const c of chunks) {
    steps.set(c.steps, offset);
    values.set(c.values, offset);
    timestamps.set(c.timestamps, offset);
    for (let i = 0; i < c.steps.length && sorted; i++) {
      const s = c.steps[i]!;
      const t = c.timestamps[i]!;
      if (s < prevStep || (s === prevStep && t < prevTs)) sorted = false;
      prevStep = s;
      prevTs = t;
    }
    offset += c.steps.length;
  }
  if (sorted) return { steps, values, timestamps };
  const order = Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => steps[a]! - steps[b]! || timestamps[a]! - timestamps[b]! || a - b,
  );
  return {
    steps: Float64Array.from(order, (i) => steps[i]!),
    values: Float64Array.from(order, (i) => values[i]!),
    timestamps: Float64Array.from(order, (i) => timestamps[i]!),
  };
}
