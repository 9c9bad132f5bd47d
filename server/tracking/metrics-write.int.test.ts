import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { metricBatches, metricChunks, metricSeries } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { createProject } from "../projects/projects";
import { ctxFor, teamWithRoles, uniq } from "../testing/fixtures";
import { getMetric, logMetrics } from "./metrics";
import { createRun } from "./runs";

// The ingest write is one statement (metrics.ts writeBatch): these pin what its parts must keep.
describe.each(testDatabases)("metric batch write on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  async function newRun() {
    const { team, owner } = await teamWithRoles(h.db);
    const ctx = ctxFor(h.db, owner);
    const project = await createProject({ ctx, input: { teamSlug: team.slug, name: "P", slug: uniq("p") } });
    const run = await createRun({ ctx, input: { projectId: project.id } });
    return { ctx, run };
  }

  it("stores the same batch sent twice at once exactly once", async () => {
    const { ctx, run } = await newRun();
    const points = Array.from({ length: 1000 }, (_, i) => ({ key: i % 2 ? "a" : "b", value: i, step: i, timestamp: 1_700_000_000_000 + i }));
    const results = await Promise.all([0, 1, 2].map(() => logMetrics({ ctx, input: { runId: run.id, points } })));
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true, true]);
    const series = await h.db.select().from(metricSeries).where(eq(metricSeries.runId, run.id));
    expect(series.map((s) => s.count)).toEqual([500, 500]);
    const batches = await h.db.select().from(metricBatches).where(eq(metricBatches.runId, run.id));
    expect(batches).toHaveLength(1);
  });

  it("keeps count, last, min and max exact over batches that arrive out of step order", async () => {
    const { ctx, run } = await newRun();
    const log = (points: { key: string; value: number | string; step: number; timestamp?: number }[]) => logMetrics({ ctx, input: { runId: run.id, points } });
    await log([{ key: "m", value: "NaN", step: 5, timestamp: 10 }]);
    let [s] = await h.db.select().from(metricSeries).where(eq(metricSeries.runId, run.id));
    expect(s).toMatchObject({ count: 1, lastStep: 5, minValue: null, maxValue: null, smallChunks: 1 });
    expect(Number.isNaN(s!.lastValue)).toBe(true);
    await log([{ key: "m", value: 3, step: 9, timestamp: 20 }, { key: "m", value: -2, step: 1, timestamp: 30 }]);
    await log([{ key: "m", value: 7, step: 2, timestamp: 40 }]);
    // Same step as the last one, later timestamp: it becomes the last value.
    await log([{ key: "m", value: 0.5, step: 9, timestamp: 50 }, { key: "m", value: "-Infinity", step: 0, timestamp: 60 }]);
    [s] = await h.db.select().from(metricSeries).where(eq(metricSeries.runId, run.id));
    expect(s).toMatchObject({ count: 6, lastStep: 9, lastValue: 0.5, lastTimestamp: 50, minValue: -Infinity, maxValue: 7, smallChunks: 4 });
    const read = await getMetric({ ctx, input: { runId: run.id, key: "m", maxPoints: 100 } });
    expect(read.points.map((p) => [p.step, p.value])).toEqual([[0, -Infinity], [1, -2], [2, 7], [5, NaN], [9, 3], [9, 0.5]]);
  });

  it("writes a batch of 10,000 series, one chunk each", async () => {
    const { ctx, run } = await newRun();
    const points = Array.from({ length: 10_000 }, (_, i) => ({ key: `k/${i}`, value: i / 3, step: i, timestamp: 1_700_000_000_000 }));
    expect(await logMetrics({ ctx, input: { runId: run.id, points } })).toEqual({ accepted: 10_000, rejected: [], duplicate: false });
    const series = await h.db.select({ id: metricSeries.id, key: metricSeries.key, last: metricSeries.lastValue }).from(metricSeries).where(eq(metricSeries.runId, run.id));
    expect(series).toHaveLength(10_000);
    expect(series.find((s) => s.key === "k/9999")!.last).toBe(9999 / 3);
    const chunk = await h.db.select({ count: metricChunks.count, stepMin: metricChunks.stepMin }).from(metricChunks).where(eq(metricChunks.seriesId, series.find((s) => s.key === "k/4242")!.id));
    expect(chunk).toEqual([{ count: 1, stepMin: 4242 }]);
    const read = await getMetric({ ctx, input: { runId: run.id, key: "k/4242", maxPoints: 10 } });
    expect(read.points).toEqual([{ step: 4242, value: 4242 / 3, timestamp: 1_700_000_000_000 }]);
  });
});
