import { and, asc, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { type DbOrTx, isPglite } from "@/db/client";
import { metricChunks } from "@/db/schema";
import { COARSE_SPAN, decodeSummaries, encodeSummary, SUMMARY_SPAN, type SummaryColumns } from "../tracking/chunk-summary";

/** Which packed column a chart's x comes from. */
export type XColumn = "step" | "timestamp";

/** One series' x and values, in x order (ties keep the order the chunks were written in). */
export interface SeriesColumns {
  x: Float64Array;
  y: Float64Array;
}

export interface SeriesToRead {
  id: number;
  /** Points stored: sizes the read groups. */
  count: number;
}

// Chunks pack n steps, then n values, then n timestamps as float64 LE (tracking/chunk-codec.ts;
// read-columns.int.test.ts checks this against readSeries). A chart needs two adjacent columns,
// so one substring per chunk sends two thirds of it; base64 text is the fast way out of PGlite.
const twoColumns = {
  step: sql<string>`encode(substring(${metricChunks.data} from 1 for ${metricChunks.count} * 16), 'base64')`,
  timestamp: sql<string>`encode(substring(${metricChunks.data} from ${metricChunks.count} * 8 + 1 for ${metricChunks.count} * 16), 'base64')`,
};

/** Points decoded per read group: bounds the memory one query holds at a time (~40 MB). */
const GROUP_POINTS = 1_500_000;
/** PostgreSQL answers groups on several connections at once; PGlite has one. */
const PARALLEL_GROUPS = 3;

function float64s(bytes: Buffer): Float64Array {
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

/** Concatenates a series' chunks and sorts by x when the chunks overlap or were logged out of order. */
export function mergeColumns(chunks: { x: Float64Array; y: Float64Array }[]): SeriesColumns {
  const total = chunks.reduce((n, c) => n + c.x.length, 0);
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  let offset = 0;
  for (const c of chunks) {
    x.set(c.x, offset);
    y.set(c.y, offset);
    offset += c.x.length;
  }
  let sorted = true;
  for (let i = 1; i < total && sorted; i++) if (x[i]! < x[i - 1]!) sorted = false;
  if (sorted) return { x, y };
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  return { x: Float64Array.from(order, (i) => x[i]!), y: Float64Array.from(order, (i) => y[i]!) };
}

/** Groups series so that each group decodes at most about GROUP_POINTS points. */
export function readGroups(series: readonly SeriesToRead[], limit = GROUP_POINTS): SeriesToRead[][] {
  const groups: SeriesToRead[][] = [];
  let current: SeriesToRead[] = [];
  let points = 0;
  for (const s of series) {
    if (current.length > 0 && points + s.count > limit) {
      groups.push(current);
      current = [];
      points = 0;
    }
    current.push(s);
    points += s.count;
  }
  if (current.length) groups.push(current);
  return groups;
}

async function readGroup(db: DbOrTx, ids: number[], column: XColumn, stepRange?: [number, number]) {
  const rows = await db
    .select({ seriesId: metricChunks.seriesId, count: metricChunks.count, data: twoColumns[column] })
    .from(metricChunks)
    .where(
      and(
        inArray(metricChunks.seriesId, ids),
        stepRange ? gte(metricChunks.stepMax, stepRange[0]) : undefined,
        stepRange ? lte(metricChunks.stepMin, stepRange[1]) : undefined,
      ),
    )
    .orderBy(asc(metricChunks.seriesId), asc(metricChunks.stepMin), asc(metricChunks.id));
  const bySeries = new Map<number, { x: Float64Array; y: Float64Array }[]>();
  for (const row of rows) {
    const all = float64s(Buffer.from(row.data, "base64"));
    const n = row.count;
    // step: [steps | values]; timestamp: [values | timestamps].
    const chunk = column === "step" ? { x: all.subarray(0, n), y: all.subarray(n, 2 * n) } : { x: all.subarray(n, 2 * n), y: all.subarray(0, n) };
    const list = bySeries.get(row.seriesId);
    if (list) list.push(chunk);
    else bySeries.set(row.seriesId, [chunk]);
  }
  return bySeries;
}

/**
 * Reads many series' x column and values, a group at a time (several at once on PostgreSQL), and
 * hands each series to `visit` as soon as its group arrives, so only a few groups are in memory.
 * With a step range only the chunks that overlap it are read; points outside it are not trimmed.
 */
export async function forEachSeriesColumns(
  db: DbOrTx,
  series: readonly SeriesToRead[],
  column: XColumn,
  visit: (seriesId: number, columns: SeriesColumns) => void,
  stepRange?: [number, number],
): Promise<void> {
  const groups = readGroups(series);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      const chunks = await readGroup(db, group.map((s) => s.id), column, stepRange);
      for (const s of group) visit(s.id, mergeColumns(chunks.get(s.id) ?? []));
    }
  };
  const workers = isPglite(db) ? 1 : Math.min(PARALLEL_GROUPS, groups.length);
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Which summary a chart reads: entries of SUMMARY_SPAN points, or coarse ones of COARSE_SPAN. */
export type SummaryLevel = "fine" | "coarse";

async function readSummaryGroup(db: DbOrTx, ids: number[], level: SummaryLevel) {
  const column = level === "fine" ? metricChunks.summary : metricChunks.summaryCoarse;
  // One row per series (its chunks' summaries concatenated in step order): entries are fixed-size,
  // and far fewer rows is what makes this fast on PGlite (2.5× measured on 40,000 chunks).
  const [summarised, unsummarised] = await Promise.all([
    db
      .select({
        seriesId: metricChunks.seriesId,
        summary: sql<string>`encode(string_agg(${column}, ''::bytea order by ${metricChunks.stepMin}, ${metricChunks.id}), 'base64')`,
      })
      .from(metricChunks)
      .where(and(inArray(metricChunks.seriesId, ids), isNotNull(column)))
      .groupBy(metricChunks.seriesId),
    // Chunks written before summaries existed: their points, summarised here.
    db
      .select({ seriesId: metricChunks.seriesId, count: metricChunks.count, data: sql<string>`encode(${metricChunks.data}, 'base64')` })
      .from(metricChunks)
      .where(and(inArray(metricChunks.seriesId, ids), isNull(column))),
  ]);
  const bySeries = new Map<number, Float64Array[]>();
  const add = (seriesId: number, part: Float64Array) => {
    const list = bySeries.get(seriesId);
    if (list) list.push(part);
    else bySeries.set(seriesId, [part]);
  };
  for (const row of summarised) add(row.seriesId, float64s(Buffer.from(row.summary, "base64")));
  for (const row of unsummarised) {
    const all = float64s(Buffer.from(row.data, "base64"));
    const n = row.count;
    const points = { steps: all.subarray(0, n), values: all.subarray(n, 2 * n), timestamps: all.subarray(2 * n, 3 * n) };
    add(row.seriesId, float64s(encodeSummary(points, level === "fine" ? SUMMARY_SPAN : COARSE_SPAN)));
  }
  return bySeries;
}

/**
 * Like forEachSeriesColumns over whole series, but reads each chunk's summary (a few entries per
 * chunk instead of every point): what a full-range chart of long series needs.
 */
export async function forEachSeriesSummary(
  db: DbOrTx,
  series: readonly SeriesToRead[],
  level: SummaryLevel,
  visit: (seriesId: number, summary: SummaryColumns) => void,
): Promise<void> {
  // An entry stands for up to 32 (or 128) points: groups can hold that many more series.
  const groups = readGroups(series, GROUP_POINTS * (level === "fine" ? 16 : 64));
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      const parts = await readSummaryGroup(db, group.map((s) => s.id), level);
      for (const s of group) visit(s.id, decodeSummaries(parts.get(s.id) ?? []));
    }
  };
  const workers = isPglite(db) ? 1 : Math.min(PARALLEL_GROUPS, groups.length);
  await Promise.all(Array.from({ length: workers }, worker));
}
