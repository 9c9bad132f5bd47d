import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { isPglite } from "@/db/client";
import { metricChunks, metricSeries } from "@/db/schema";
import type { Logger } from "../logger";
import { decodeChunk, encodeChunk, mergeChunks } from "./chunk-codec";

/** Merged chunks hold up to this many points. */
export const FULL_CHUNK = 1000;
/** Chunks smaller than this (one-point `log_metric` calls, say) are merged by the compactor. */
export const SMALL_CHUNK = 100;
/** Compact a series once it has this many small chunks. */
export const COMPACT_AFTER = 8;

/**
 * Merges a series' small chunks into full ones, in one transaction with the series row locked so
 * that concurrent compactors (several replicas) and ingests serialize on it.
 */
export async function compactSeries(db: DbOrTx, seriesId: number): Promise<{ before: number; after: number }> {
  return db.transaction(async (tx) => {
    const [series] = await tx.select({ id: metricSeries.id }).from(metricSeries).where(eq(metricSeries.id, seriesId)).for("update");
    if (!series) return { before: 0, after: 0 };
    const small = await tx
      .select({
        id: metricChunks.id,
        data: isPglite(db) ? sql<string>`encode(${metricChunks.data}, 'base64')` : metricChunks.data,
      })
      .from(metricChunks)
      .where(and(eq(metricChunks.seriesId, seriesId), lt(metricChunks.count, SMALL_CHUNK)))
      .orderBy(asc(metricChunks.stepMin), asc(metricChunks.id));
    await tx.update(metricSeries).set({ smallChunks: 0 }).where(eq(metricSeries.id, seriesId));
    if (small.length < 2) return { before: small.length, after: small.length };
    const merged = mergeChunks(
      small.map((c) => decodeChunk(typeof c.data === "string" ? Buffer.from(c.data, "base64") : (c.data as Buffer))),
    );
    const rows = [];
    for (let start = 0; start < merged.steps.length; start += FULL_CHUNK) {
      const end = Math.min(start + FULL_CHUNK, merged.steps.length);
      const chunk = encodeChunk({
        steps: merged.steps.subarray(start, end),
        values: merged.values.subarray(start, end),
        timestamps: merged.timestamps.subarray(start, end),
      });
      rows.push({ seriesId, ...chunk });
    }
    await tx.delete(metricChunks).where(inArray(metricChunks.id, small.map((c) => c.id)));
    await tx.insert(metricChunks).values(rows);
    return { before: small.length, after: rows.length };
  });
}

/** One pass of the background compactor over the series that need it. */
export async function compactPending(db: DbOrTx, limit = 50): Promise<number> {
  const due = await db
    .select({ id: metricSeries.id })
    .from(metricSeries)
    .where(gte(metricSeries.smallChunks, COMPACT_AFTER))
    .limit(limit);
  for (const s of due) await compactSeries(db, s.id);
  return due.length;
}

/** Runs the compactor every few seconds in the server process; failures are logged, not thrown. */
export function startCompactor(db: DbOrTx, log: Logger, intervalMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    compactPending(db)
      .catch((error: unknown) => log.error({ err: error }, "metric compaction failed"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
