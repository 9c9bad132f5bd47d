import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unpackChartSeries } from "@/components/charts/prepare/packed-series";
import type { DbHandle } from "@/db/client";
import { metricSeries } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import type { ServiceContext } from "../context";
import { chartQueryRoute } from "../http/handlers/charts";
import { createProject } from "../projects/projects";
import { useRuntime } from "../runtime";
import { ctxFor, expectDomainError, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { createToken } from "../tokens/tokens";
import { logMetrics, readSeries } from "../tracking/metrics";
import { createRun } from "../tracking/runs";
import { createCaller } from "../trpc/root";
import { queryCharts } from "./query-charts";
import { forEachSeriesColumns } from "./read-columns";

type Point = { key: string; step: number; value: number | string; timestamp?: number };

describe.each(testDatabases)("chart query on $name", ({ open }) => {
  let h: DbHandle;
  let ctx: ServiceContext;
  let viewerCtx: ServiceContext;
  let strangerCtx: ServiceContext;
  let projectId: string;
  let otherProjectId: string;
  let strangerRunId: string;
  let token: string;

  const newRun = async (name = uniq("run"), inProject = projectId, as = ctx) => (await createRun({ ctx: as, input: { projectId: inProject, name } })).id;
  /** Logs points in batches of `batch`: each batch becomes one chunk per key. */
  async function log(runId: string, points: Point[], batch = 10_000) {
    for (let i = 0; i < points.length; i += batch) {
      const result = await logMetrics({ ctx, input: { runId, points: points.slice(i, i + batch) } });
      expect(result.rejected).toEqual([]);
    }
  }
  const steps = (key: string, n: number, value: (step: number) => number | string, from = 0): Point[] =>
    Array.from({ length: n }, (_, i) => ({ key, step: from + i, value: value(from + i), timestamp: 1_700_000_000_000 + (from + i) * 1000 }));
  const query = (input: Partial<Parameters<typeof queryCharts>[0]["input"]> & { runIds: string[]; keys: string[] }, as = ctx) =>
    queryCharts({ ctx: as, input: { projectId, ...input } });

  beforeAll(async () => {
    h = await open();
    const rt = testRuntime(h);
    useRuntime(rt);
    const { team, owner, members } = await teamWithRoles(h.db, ["viewer"]);
    ctx = ctxFor(h.db, owner);
    viewerCtx = ctxFor(h.db, members[0]!);
    projectId = (await createProject({ ctx, input: { teamSlug: team.slug, name: "Charts", slug: uniq("charts") } })).id;
    otherProjectId = (await createProject({ ctx, input: { teamSlug: team.slug, name: "Other", slug: uniq("other") } })).id;
    const stranger = await teamWithRoles(h.db);
    strangerCtx = ctxFor(h.db, stranger.owner);
    const strangerProject = await createProject({ ctx: strangerCtx, input: { teamSlug: stranger.team.slug, name: "S", slug: uniq("s") } });
    strangerRunId = await newRun("theirs", strangerProject.id, strangerCtx);
    token = (await createToken({ ctx, input: { name: "t" } })).token;
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers a series below the limit exactly", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 300, (s) => 1 / (s + 1)));
    const { series } = await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000 });
    expect(series).toHaveLength(1);
    const s = series[0]!;
    expect(s).toMatchObject({ runId, key: "loss", aggregated: false, total: 300, min: null, max: null, count: null });
    expect(Array.from(s.x)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(Array.from(s.y)).toEqual(Array.from({ length: 300 }, (_, i) => 1 / (i + 1)));
  });

  it("charts a whole long series from chunk summaries, matching the points within one bucket", async () => {
    const runId = await newRun();
    const n = 70_000;
    await log(runId, steps("loss", n, (s) => (s === 43_210 ? 1e6 : s === 777 ? "NaN" : Math.cos(s / 300))), 7000);
    // A chunk written before summaries existed is summarised from its points when read.
    const [series0] = await h.db.select({ id: metricSeries.id }).from(metricSeries).where(eq(metricSeries.runId, runId));
    const { metricChunks } = await import("@/db/schema");
    const [firstChunk] = await h.db.select({ id: metricChunks.id }).from(metricChunks).where(eq(metricChunks.seriesId, series0!.id)).limit(1);
    await h.db.update(metricChunks).set({ summary: null, summaryCoarse: null }).where(eq(metricChunks.id, firstChunk!.id));

    const whole = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000 })).series[0]!;
    // The same buckets computed from every point (a range query reads the points).
    const exact = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000, range: [0, n - 1] })).series[0]!;
    expect(whole).toMatchObject({ aggregated: true, total: n });
    expect(whole.x.length).toBe(exact.x.length);
    expect(Array.from(whole.count!).reduce((a, b) => a + b, 0)).toBe(n);
    expect(Math.max(...whole.max!)).toBe(1e6);
    const width = n / 1000;
    for (let i = 0; i < exact.x.length; i++) expect(Math.abs(whole.x[i]! - exact.x[i]!)).toBeLessThanOrEqual(width);
    // A bucket's min and max come from the same points give or take an entry at its edges.
    const spike = Array.from(exact.max!).indexOf(1e6);
    expect(Math.abs(Array.from(whole.max!).indexOf(1e6) - spike)).toBeLessThanOrEqual(1);

    // 200 buckets of 350 points: read from the coarse summary (128 points an entry).
    const coarse = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 200 })).series[0]!;
    const coarseExact = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 200, range: [0, n - 1] })).series[0]!;
    expect(coarse).toMatchObject({ aggregated: true, total: n });
    expect(coarse.x.length).toBe(coarseExact.x.length);
    for (let i = 0; i < coarse.x.length; i++) expect(Math.abs(coarse.x[i]! - coarseExact.x[i]!)).toBeLessThanOrEqual(n / 200);
    expect(Math.max(...coarse.max!)).toBe(1e6);
    expect(Array.from(coarse.count!).reduce((a, b) => a + b, 0)).toBe(n);
    // By relative time too (times ascend with steps here): one point a second from the first.
    const timed = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000, xAxis: "relative_time" })).series[0]!;
    const timedExact = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000, xAxis: "relative_time", range: [0, (n - 1) * 1000] })).series[0]!;
    expect(timed).toMatchObject({ aggregated: true, total: n });
    expect(timed.x.length).toBe(timedExact.x.length);
    for (let i = 0; i < timed.x.length; i++) expect(Math.abs(timed.x[i]! - timedExact.x[i]!)).toBeLessThanOrEqual(width * 1000);
    expect(Math.max(...timed.max!)).toBe(1e6);
  });

  it("bounds a larger series and keeps a single spike in its bucket's max", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 20_000, (s) => (s === 12_345 ? 1e6 : Math.sin(s / 50))), 5000);
    const { series } = await query({ runIds: [runId], keys: ["loss"], maxPoints: 500 });
    const s = series[0]!;
    expect(s.aggregated).toBe(true);
    expect(s.total).toBe(20_000);
    expect(s.x.length).toBeLessThanOrEqual(500);
    expect(s.x.length).toBeGreaterThan(490);
    expect(Math.max(...s.max!)).toBe(1e6);
    expect(Array.from(s.count!).reduce((a, b) => a + b, 0)).toBe(20_000);
    // The spike's bucket is the one whose step range holds 12,345.
    const i = s.x.findLastIndex((x) => x <= 12_345);
    expect(s.max![i]).toBe(1e6);
    expect(s.y[i]).toBeLessThan(1e6);
  });

  it("re-queries a range at full detail, reading only the chunks that overlap it", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 50_000, (s) => s * 2), 5000);
    const whole = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000 })).series[0]!;
    expect(whole.aggregated).toBe(true);
    const zoomed = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 1000, range: [20_100, 20_599] })).series[0]!;
    expect(zoomed).toMatchObject({ aggregated: false, total: 500 });
    expect(Array.from(zoomed.x)).toEqual(Array.from({ length: 500 }, (_, i) => 20_100 + i));
    expect(Array.from(zoomed.y)).toEqual(Array.from({ length: 500 }, (_, i) => (20_100 + i) * 2));
    const dragged = (await query({ runIds: [runId], keys: ["loss"], range: [20_100.5, 20_102.5] })).series[0]!;
    expect(Array.from(dragged.x)).toEqual([20_101, 20_102]);
    expect((await query({ runIds: [runId], keys: ["loss"], range: [-1e300, 1e300] })).series[0]!.total).toBe(50_000);
    const wider = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 100, range: [0, 9_999] })).series[0]!;
    expect(wider).toMatchObject({ aggregated: true, total: 10_000 });
    expect(wider.x.length).toBeLessThanOrEqual(100);
    const empty = (await query({ runIds: [runId], keys: ["loss"], range: [1e9, 2e9] })).series[0]!;
    expect(empty).toMatchObject({ aggregated: false, total: 0 });
    expect(empty.x.length).toBe(0);
  });

  it("keeps NaN as a point of its own, never a zero", async () => {
    const runId = await newRun();
    await log(runId, steps("acc", 10, (s) => (s === 4 ? "NaN" : s / 10)));
    const s = (await query({ runIds: [runId], keys: ["acc"] })).series[0]!;
    expect(s.y[4]).toBeNaN();
    expect(Array.from(s.y).filter((v) => v === 0)).toHaveLength(1);
  });

  it("answers runs and keys in the asked order and leaves out a run without the key", async () => {
    const a = await newRun();
    const b = await newRun();
    await log(a, [...steps("train/loss", 5, () => 1), ...steps("val/acc", 5, () => 0.5)]);
    await log(b, steps("train/loss", 5, () => 2));
    const { series } = await query({ runIds: [b, a], keys: ["val/acc", "train/loss", "never/logged"] });
    expect(series.map((s) => [s.runId, s.key])).toEqual([
      [b, "train/loss"],
      [a, "val/acc"],
      [a, "train/loss"],
    ]);
  });

  it("aligns on wall time and on time since the run started", async () => {
    const runId = await newRun();
    // Imported history: timestamps before the run was created, 2 s apart, logged out of order.
    const points = Array.from({ length: 100 }, (_, i) => ({ key: "loss", step: i, value: i, timestamp: 1_600_000_000_000 + i * 2000 }));
    await log(runId, [...points.slice(50), ...points.slice(0, 50)], 50);
    const wall = (await query({ runIds: [runId], keys: ["loss"], xAxis: "wall_time" })).series[0]!;
    expect(Array.from(wall.x)).toEqual(points.map((p) => p.timestamp));
    expect(Array.from(wall.y)).toEqual(points.map((p) => p.value));
    const relative = (await query({ runIds: [runId], keys: ["loss"], xAxis: "relative_time" })).series[0]!;
    expect(Array.from(relative.x)).toEqual(points.map((_, i) => i * 2000));
    const window = (await query({ runIds: [runId], keys: ["loss"], xAxis: "relative_time", range: [10_000, 20_000] })).series[0]!;
    expect(Array.from(window.y)).toEqual([5, 6, 7, 8, 9, 10]);

    // Live points, logged now: relative time counts from the run's start.
    const live = await newRun();
    const before = Date.now();
    await log(live, [{ key: "loss", step: 0, value: 1 }]);
    const [row] = (await query({ runIds: [live], keys: ["loss"], xAxis: "relative_time" })).series;
    expect(row!.x[0]).toBeGreaterThanOrEqual(0);
    expect(row!.x[0]).toBeLessThan(Date.now() - before + 60_000);
  });

  it("reads chunks written out of order as readSeries does", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 100, (s) => s, 200));
    await log(runId, steps("loss", 150, (s) => -s, 0));
    await log(runId, steps("loss", 60, (s) => s + 0.5, 120));
    const [row] = await h.db.select().from(metricSeries).where(eq(metricSeries.runId, runId));
    const expected = await readSeries(ctx, row!.id);
    let got: { x: Float64Array; y: Float64Array } | undefined;
    await forEachSeriesColumns(h.db, [{ id: row!.id, count: row!.count }], "step", (_, columns) => (got = columns));
    expect(Array.from(got!.x)).toEqual(Array.from(expected.steps));
    // Equal steps keep the order they were written in; readSeries orders them by timestamp, the same here.
    expect(Array.from(got!.y)).toEqual(Array.from(expected.values));
    await forEachSeriesColumns(h.db, [{ id: row!.id, count: row!.count }], "timestamp", (_, columns) => (got = columns));
    expect(Array.from(got!.x)).toEqual([...expected.timestamps].sort((a, b) => a - b));
  });

  it("answers a grown series from the database, not from the cache", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 10, () => 1));
    expect((await query({ runIds: [runId], keys: ["loss"] })).series[0]!.total).toBe(10);
    await log(runId, steps("loss", 5, () => 2, 10));
    const again = (await query({ runIds: [runId], keys: ["loss"] })).series[0]!;
    expect(again.total).toBe(15);
    expect(again.y[14]).toBe(2);
  });

  it("lets a viewer read, and refuses another team's runs and strangers with NOT_FOUND", async () => {
    const mine = await newRun();
    await log(mine, steps("loss", 3, () => 1));
    expect((await query({ runIds: [mine], keys: ["loss"] }, viewerCtx)).series).toHaveLength(1);
    await expectDomainError(query({ runIds: [mine, strangerRunId], keys: ["loss"] }), "NOT_FOUND");
    await expectDomainError(query({ runIds: ["run_doesnotexist"], keys: ["loss"] }), "NOT_FOUND");
    const elsewhere = await newRun("elsewhere", otherProjectId);
    await expectDomainError(query({ runIds: [elsewhere], keys: ["loss"] }), "NOT_FOUND");
    await expectDomainError(query({ runIds: [mine], keys: ["loss"] }, strangerCtx), "NOT_FOUND");
  });

  it("validates the query and caps runs and keys", async () => {
    const runId = await newRun();
    await expect(query({ runIds: Array.from({ length: 101 }, (_, i) => `run_${i}`), keys: ["loss"] })).rejects.toThrow(/at most 100 runs/);
    await expect(query({ runIds: [runId], keys: Array.from({ length: 21 }, (_, i) => `k${i}`) })).rejects.toThrow(/at most 20 metric keys/);
    await expect(query({ runIds: [runId], keys: ["loss"], range: [10, 1] })).rejects.toThrow(/from <= to/);
    await expect(query({ runIds: [runId], keys: ["loss"], maxPoints: 1 })).rejects.toThrow();
    await expect(query({ runIds: [], keys: ["loss"] })).rejects.toThrow(/at least one run/);
  });

  describe("over REST", () => {
    const post = (body: unknown, t = token, project = projectId) =>
      chartQueryRoute(
        new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t}` }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ projectId: project }) },
      );

    it("answers points {x, y, min?, max?} and marks aggregated series", async () => {
      const runId = await newRun();
      await log(runId, steps("loss", 2000, (s) => (s === 777 ? "Infinity" : s % 7)), 2000);
      const res = await post({ run_ids: [runId], keys: ["loss"], max_points: 100, x_axis: "step" });
      expect(res.status).toBe(200);
      expect(res.headers.get("server-timing")).toMatch(/^query;dur=\d+(\.\d)?$/);
      const body = (await res.json()) as { series: { run_id: string; key: string; aggregated: boolean; points: Record<string, unknown>[] }[] };
      expect(body.series).toHaveLength(1);
      expect(body.series[0]).toMatchObject({ run_id: runId, key: "loss", aggregated: true });
      expect(body.series[0]!.points.length).toBeLessThanOrEqual(100);
      expect(body.series[0]!.points[0]).toEqual({ x: 0, y: expect.any(Number), min: 0, max: 6 });
      expect(body.series[0]!.points.some((p) => p.max === "Infinity")).toBe(true);

      const exact = (await (await post({ run_ids: [runId], keys: ["loss"], range: [10, 12] })).json()) as typeof body;
      expect(exact.series[0]).toEqual({ run_id: runId, key: "loss", aggregated: false, points: [{ x: 10, y: 3 }, { x: 11, y: 4 }, { x: 12, y: 5 }] });
    });

    it("answers 404 for another team's run and 422 with a message for bad input", async () => {
      const runId = await newRun();
      const foreign = await post({ run_ids: [runId, strangerRunId], keys: ["loss"] });
      expect(foreign.status).toBe(404);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
      for (const [body, message] of [
        [{ run_ids: Array.from({ length: 101 }, () => runId), keys: ["loss"] }, /run_ids/],
        [{ run_ids: [runId], keys: ["loss"], x_axis: "epoch" }, /x_axis/],
        [{ run_ids: [runId], keys: ["loss"], range: [5, 1] }, /from <= to/],
        [{ run_ids: [runId], keys: ["bad\nkey"] }, /keys/],
        [{ run_ids: [runId], keys: ["loss"], max_points: 1e9 }, /max_points/],
        [{ run_ids: [runId], keys: ["loss"], extra: 1 }, /extra/],
        [{ keys: ["loss"] }, /run_ids/],
      ] as const) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        const error = ((await res.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).toBe("VALIDATION");
        expect(error.message).toMatch(message);
      }
    });
  });

  it("serves tRPC the same series, packed", async () => {
    const runId = await newRun();
    await log(runId, steps("loss", 3000, (s) => (s === 1500 ? "NaN" : Math.cos(s))), 1000);
    const caller = createCaller({ svc: ctx, rt: testRuntime(h), headers: new Headers() });
    const packed = await caller.compare.chart({ projectId, runIds: [runId], keys: ["loss"], maxPoints: 300 });
    const direct = (await query({ runIds: [runId], keys: ["loss"], maxPoints: 300 })).series[0]!;
    const unpacked = unpackChartSeries(packed.series[0]!);
    expect(unpacked).toMatchObject({ runId, key: "loss", aggregated: true, total: 3000 });
    for (const column of ["x", "y", "min", "max", "count"] as const) expect(Array.from(unpacked[column]!)).toEqual(Array.from(direct[column]!));
    const stranger = createCaller({ svc: strangerCtx, rt: testRuntime(h), headers: new Headers() });
    const error = await stranger.compare.chart({ projectId, runIds: [runId], keys: ["loss"] }).then(() => null, (e: unknown) => e);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
  });
});
