import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { metricChunks, metricSeries } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { createProject } from "../projects/projects";
import { ctxFor, teamWithRoles, uniq } from "../testing/fixtures";
import { COMPACT_AFTER, compactPending } from "./compact-metrics";
import { getMetric, logMetrics } from "./metrics";
import { createRun } from "./runs";

describe.each(testDatabases)("metric compaction on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  it("merges one-point chunks into full ones without losing or reordering a point", async () => {
    const { team, owner } = await teamWithRoles(h.db);
    const ctx = ctxFor(h.db, owner);
    const project = await createProject({ ctx, input: { teamSlug: team.slug, name: "P", slug: uniq("p") } });
    const run = await createRun({ ctx, input: { projectId: project.id } });
    // Like MLflow's log_metric: one request per point, in a shuffled step order.
    const steps = Array.from({ length: 150 }, (_, i) => (i * 37) % 150);
    for (const step of steps) await logMetrics({ ctx, input: { runId: run.id, points: [{ key: "loss", value: step / 10, step }] } });
    await logMetrics({ ctx, input: { runId: run.id, points: Array.from({ length: 500 }, (_, i) => ({ key: "loss", value: 1, step: 1000 + i })) } });
    const [series] = await h.db.select().from(metricSeries).where(eq(metricSeries.runId, run.id));
    expect(series!.smallChunks).toBe(150);
    expect(series!.smallChunks).toBeGreaterThanOrEqual(COMPACT_AFTER);

    while ((await compactPending(h.db)) > 0);

    const chunks = await h.db.select({ count: metricChunks.count }).from(metricChunks).where(eq(metricChunks.seriesId, series!.id));
    expect(chunks.map((c) => c.count).sort((a, b) => a - b)).toEqual([150, 500]);
    const read = await getMetric({ ctx, input: { runId: run.id, key: "loss", maxPoints: 10_000 } });
    expect(read.points.map((p) => p.step)).toEqual([...Array.from({ length: 150 }, (_, i) => i), ...Array.from({ length: 500 }, (_, i) => 1000 + i)]);
    expect(read.points[42]!.value).toBe(4.2);
    const [after] = await h.db.select().from(metricSeries).where(eq(metricSeries.id, series!.id));
    expect(after).toMatchObject({ count: 650, smallChunks: 0, lastStep: 1499, minValue: 0, maxValue: 14.9 });
  });
});
