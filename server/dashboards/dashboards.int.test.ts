import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { computeTargets, dashboards, jobAttempts } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { MAX_CHART_RUNS } from "../compare/schemas";
import { registerTarget } from "../compute/targets";
import { createDashboardRoute, deleteDashboardRoute, getDashboardRoute, updateDashboardRoute } from "../http/handlers/dashboards";
import { claimJob } from "../jobs/claim";
import { agentCheckIn, finishJob, startJob } from "../jobs/lifecycle";
import { submitJob } from "../jobs/submit";
import { createProject } from "../projects/projects";
import { useRuntime } from "../runtime";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { createToken } from "../tokens/tokens";
import { logMetrics } from "../tracking/metrics";
import { createRun } from "../tracking/runs";
import { computeUsage } from "./compute-usage";
import { createDashboard, deleteDashboard, getDashboard, listDashboards, updateDashboard } from "./dashboards";
import { DEFAULT_DASHBOARD_NAME } from "./default-dashboard";
import { leaderboard } from "./leaderboard";
import type { PanelInput } from "./schemas";

const HOUR = 3_600_000;

describe.each(testDatabases)("dashboards on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
  });
  afterAll(async () => {
    await h.close();
  });

  /** A team (owner, member, viewer) with one project. */
  async function setup() {
    const t = await teamWithRoles(h.db, ["member", "viewer"]);
    const ctx = ctxFor(h.db, t.owner);
    const project = await createProject({ ctx, input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    const [member, viewer] = t.members.map((m) => ctxFor(h.db, m)) as [ReturnType<typeof ctxFor>, ReturnType<typeof ctxFor>];
    return { ...t, ctx, project, member, viewer };
  }

  const leaderboardPanel = (over: Partial<Extract<PanelInput, { kind: "leaderboard" }>> = {}): PanelInput => ({
    kind: "leaderboard",
    title: "Best val/acc",
    w: 6,
    h: 3,
    config: { metric: "val/acc", stat: "max", direction: "desc", k: 5 },
    ...over,
  });

  it("gives a new project its default dashboard in the same transaction, audited", async () => {
    const { ctx, project, team, owner } = await setup();
    const list = await listDashboards({ ctx, input: { projectId: project.id } });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: DEFAULT_DASHBOARD_NAME, revision: 1, panelCount: 4, createdBy: owner.userId });
    const dashboard = await getDashboard({ ctx, input: { dashboardId: list[0]!.id } });
    expect(dashboard.panels.map((p) => p.kind)).toEqual(["line_charts", "leaderboard", "compute_usage", "pending_promotions"]);
    expect(dashboard.panels.every((p) => /^pnl_/.test(p.id))).toBe(true);
    // Defaults are filled in: the line charts' filter is the compare view's "latest 10 runs".
    expect(dashboard.panels[0]).toMatchObject({ w: 12, config: { filter: { q: "", status: null, by: "started", dir: "desc", top: 10 }, keys: [], x_axis: "step" } });
    expect(dashboard.panels[1]).toMatchObject({ config: { metric: null, stat: "last", k: 10 } });
    const audits = (await auditRows(h.db, team.id, "dashboard.create")).filter((a) => a.targetId === dashboard.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: owner.userId, projectId: project.id, data: { default: true } });
  });

  it("creates the default lazily, once, for a project that predates dashboards", async () => {
    const { ctx, viewer, project, team } = await setup();
    await h.db.delete(dashboards).where(eq(dashboards.projectId, project.id));
    // Two first looks at once still make one dashboard; a viewer's look is enough.
    const [a, b] = await Promise.all([
      listDashboards({ ctx: viewer, input: { projectId: project.id } }),
      listDashboards({ ctx, input: { projectId: project.id } }),
    ]);
    expect(a.map((d) => d.id)).toEqual(b.map((d) => d.id));
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ name: DEFAULT_DASHBOARD_NAME, createdBy: null, panelCount: 4 });
    const audits = (await auditRows(h.db, team.id, "dashboard.create")).filter((r) => r.targetId === a[0]!.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBeNull();
  });

  it("creates, reorders and resizes panels with a revision, refuses a stale save, and deletes all but the last", async () => {
    const { ctx, member, project, team } = await setup();
    const created = await createDashboard({
      ctx: member,
      input: {
        projectId: project.id,
        name: "  Sweep  ",
        panels: [leaderboardPanel(), { kind: "compute_usage", config: { group_by: "target" } }, { kind: "scatter", config: { x: "p:lr", y: "m:max:val/acc" } }],
      },
    });
    expect(created).toMatchObject({ name: "Sweep", description: "", revision: 1 });
    expect(created.panels.map((p) => p.kind)).toEqual(["leaderboard", "compute_usage", "scatter"]);
    expect(created.panels[1]).toMatchObject({ title: "", w: 6, h: 3, config: { days: 30, group_by: "target" } });
    expect(new Set(created.panels.map((p) => p.id)).size).toBe(3);

    // Move the scatter first, widen the leaderboard, drop compute usage, add line charts.
    const [lb, , sc] = created.panels as [(typeof created.panels)[number], unknown, (typeof created.panels)[number]];
    const saved = await updateDashboard({
      ctx: member,
      input: {
        dashboardId: created.id,
        revision: 1,
        panels: [sc, { ...lb, w: 12, h: 4 }, { kind: "line_charts", title: "Loss", config: { prefix: "train/", x_axis: "relative_time", smoothing: 0.6 } }],
      },
    });
    expect(saved.revision).toBe(2);
    expect(saved.panels.map((p) => [p.id, p.kind, p.w, p.h])).toEqual([
      [sc.id, "scatter", 6, 3],
      [lb.id, "leaderboard", 12, 4],
      [expect.stringMatching(/^pnl_/), "line_charts", 6, 3],
    ]);
    expect((await getDashboard({ ctx, input: { dashboardId: created.id } })).panels).toEqual(saved.panels);

    // A second editor who started from revision 1 is refused; nothing is overwritten.
    await expectDomainError(updateDashboard({ ctx, input: { dashboardId: created.id, revision: 1, panels: [] } }), "CONFLICT");
    expect((await getDashboard({ ctx, input: { dashboardId: created.id } })).panels).toHaveLength(3);
    const renamed = await updateDashboard({ ctx, input: { dashboardId: created.id, revision: 2, name: "Sweep 2", description: "lr sweep" } });
    expect(renamed).toMatchObject({ revision: 3, name: "Sweep 2", description: "lr sweep" });
    expect(renamed.panels).toHaveLength(3);

    // Panels are checked per kind.
    await expect(updateDashboard({ ctx, input: { dashboardId: created.id, revision: 3, panels: [leaderboardPanel({ config: { metric: "x", k: 0 } })] } })).rejects.toThrow();
    await expect(updateDashboard({ ctx, input: { dashboardId: created.id, revision: 3, panels: [{ kind: "nope" } as unknown as PanelInput] } })).rejects.toThrow();
    await expect(updateDashboard({ ctx, input: { dashboardId: created.id, revision: 3, panels: [leaderboardPanel({ id: "a" }), leaderboardPanel({ id: "a" })] } })).rejects.toThrow("appears twice");
    await expect(updateDashboard({ ctx, input: { dashboardId: created.id, revision: 3, panels: [leaderboardPanel({ w: 13 })] } })).rejects.toThrow();

    const list = await listDashboards({ ctx, input: { projectId: project.id } });
    expect(list.map((d) => d.name)).toEqual([DEFAULT_DASHBOARD_NAME, "Sweep 2"]);
    await deleteDashboard({ ctx: member, input: { dashboardId: list[0]!.id } });
    await expectDomainError(deleteDashboard({ ctx, input: { dashboardId: created.id } }), "PRECONDITION_FAILED");
    await expectDomainError(getDashboard({ ctx, input: { dashboardId: list[0]!.id } }), "NOT_FOUND");

    const mine = (action: string) => auditRows(h.db, team.id, action).then((rows) => rows.filter((r) => r.targetId === created.id || r.targetId === list[0]!.id));
    expect(await mine("dashboard.create")).toHaveLength(2);
    expect((await mine("dashboard.update")).map((r) => r.data)).toEqual([
      { revision: 2, changed: ["panels"], panels: 3 },
      { revision: 3, changed: ["name", "description"], from: "Sweep", to: "Sweep 2", panels: 3 },
    ]);
    expect(await mine("dashboard.delete")).toHaveLength(1);
  });

  it("keeps a line-charts panel's hand-picked runs through saves, and reads older panels as a filter", async () => {
    const { ctx, member, project } = await setup();
    const a = await createRun({ ctx, input: { projectId: project.id, name: "a" } });
    const b = await createRun({ ctx, input: { projectId: project.id, name: "b" } });
    // A run deleted since is no reason to refuse the panel: it is simply not drawn.
    const picked = [b.id, "run_gone", a.id];
    const created = await createDashboard({
      ctx: member,
      input: {
        projectId: project.id,
        name: "Picked",
        panels: [{ kind: "line_charts", title: "Compare: 3 runs", config: { filter: { run_ids: picked }, x_axis: "relative_time", smoothing: 0.5, log_y: true } }],
      },
    });
    expect(created.panels[0]).toMatchObject({
      config: { filter: { run_ids: picked, q: "", status: null, by: "started", dir: "desc", top: 10 }, keys: [], x_axis: "relative_time", smoothing: 0.5, log_y: true },
    });
    const [panel] = created.panels as [(typeof created.panels)[number]];
    const saved = await updateDashboard({ ctx, input: { dashboardId: created.id, revision: 1, panels: [{ ...panel, title: "Renamed", w: 6 }, leaderboardPanel()] } });
    const again = await getDashboard({ ctx: member, input: { dashboardId: created.id } });
    expect(again.panels).toEqual(saved.panels);
    expect(again.panels[0]).toMatchObject({ id: panel.id, title: "Renamed", w: 6, config: { filter: { run_ids: picked } } });

    // A panel stored before run_ids existed reads with none (its top-N filter applies).
    const old = { id: "pnl_old", kind: "line_charts", title: "", w: 12, h: 3, config: { filter: { q: "", status: null, by: "started", dir: "desc", top: 5 }, keys: [], x_axis: "step" } };
    await h.db.update(dashboards).set({ panels: [old] }).where(eq(dashboards.id, created.id));
    const read = await getDashboard({ ctx, input: { dashboardId: created.id } });
    expect(read.panels[0]).toMatchObject({ id: "pnl_old", config: { filter: { top: 5, run_ids: [] }, prefix: "" } });
    expect(await updateDashboard({ ctx, input: { dashboardId: created.id, revision: read.revision, panels: read.panels } })).toMatchObject({ revision: read.revision + 1 });

    const tooMany = Array.from({ length: MAX_CHART_RUNS + 1 }, (_, i) => `run_${i}`);
    await expect(
      updateDashboard({ ctx, input: { dashboardId: created.id, revision: read.revision + 1, panels: [{ kind: "line_charts", config: { filter: { run_ids: tooMany } } }] } }),
    ).rejects.toThrow(`at most ${MAX_CHART_RUNS} picked runs`);
  });

  it("lets a viewer look but not edit, and tells an outsider nothing", async () => {
    const { ctx, viewer, project } = await setup();
    const [dashboard] = await listDashboards({ ctx: viewer, input: { projectId: project.id } });
    const seen = await getDashboard({ ctx: viewer, input: { dashboardId: dashboard!.id } });
    expect(seen).toMatchObject({ role: "viewer", panels: expect.any(Array) });
    await leaderboard({ ctx: viewer, input: { projectId: project.id, metric: "val/acc" } });
    await computeUsage({ ctx: viewer, input: { projectId: project.id } });
    await expectDomainError(createDashboard({ ctx: viewer, input: { projectId: project.id, name: "Mine" } }), "FORBIDDEN");
    await expectDomainError(updateDashboard({ ctx: viewer, input: { dashboardId: dashboard!.id, revision: 1, name: "x" } }), "FORBIDDEN");
    await createDashboard({ ctx, input: { projectId: project.id, name: "Second" } });
    await expectDomainError(deleteDashboard({ ctx: viewer, input: { dashboardId: dashboard!.id } }), "FORBIDDEN");

    const outsider = ctxFor(h.db, await makeUser(h.db, "outsider"));
    await expectDomainError(listDashboards({ ctx: outsider, input: { projectId: project.id } }), "NOT_FOUND");
    await expectDomainError(getDashboard({ ctx: outsider, input: { dashboardId: dashboard!.id } }), "NOT_FOUND");
    await expectDomainError(updateDashboard({ ctx: outsider, input: { dashboardId: dashboard!.id, revision: 1, name: "x" } }), "NOT_FOUND");
    await expectDomainError(deleteDashboard({ ctx: outsider, input: { dashboardId: dashboard!.id } }), "NOT_FOUND");
    await expectDomainError(leaderboard({ ctx: outsider, input: { projectId: project.id, metric: "val/acc" } }), "NOT_FOUND");
    await expectDomainError(computeUsage({ ctx: outsider, input: { projectId: project.id } }), "NOT_FOUND");
    await expectDomainError(getDashboard({ ctx, input: { dashboardId: "dsh_missing" } }), "NOT_FOUND");
  });

  it("ranks runs by a metric summary with their params, leaving NaN and other projects out", async () => {
    const { ctx, project, team } = await setup();
    const other = await createProject({ ctx, input: { teamSlug: team.slug, name: "Other", slug: uniq("o") } });
    async function run(projectId: string, name: string, params: Record<string, string | number>, values: (number | "NaN")[]) {
      const r = await createRun({ ctx, input: { projectId, name, params } });
      await logMetrics({ ctx, input: { runId: r.id, points: values.map((value, step) => ({ key: "val/acc", value, step })) } });
      return r;
    }
    const a = await run(project.id, "a", { lr: 0.1, bs: 32 }, [0.5, 0.9, 0.7]); // last 0.7, max 0.9, min 0.5
    const b = await run(project.id, "b", { lr: 0.01, bs: 32 }, [0.6, 0.8]); // last 0.8, max 0.8, min 0.6
    const c = await run(project.id, "c", { lr: 0.001 }, [0.2, 0.95, 0.4]); // last 0.4, max 0.95, min 0.2
    await run(project.id, "nan", { lr: 1 }, ["NaN"]);
    await createRun({ ctx, input: { projectId: project.id, name: "no-metric" } });
    await run(other.id, "elsewhere", { lr: 0.5 }, [0.99]);

    const byLast = await leaderboard({ ctx, input: { projectId: project.id, metric: "val/acc", stat: "last", direction: "desc", k: 10 } });
    expect(byLast).toMatchObject({ metric: "val/acc", stat: "last", total: 3 });
    expect(byLast.rows.map((r) => [r.rank, r.name, r.value])).toEqual([
      [1, "b", 0.8],
      [2, "a", 0.7],
      [3, "c", 0.4],
    ]);
    expect(byLast.rows[1]).toMatchObject({ runId: a.id, params: { lr: "0.1", bs: "32" }, lastStep: 2, status: "running" });
    expect(byLast.rows[2]!.params).toEqual({ lr: "0.001" });

    const byMax = await leaderboard({ ctx, input: { projectId: project.id, metric: "val/acc", stat: "max", k: 2 } });
    expect(byMax).toMatchObject({ total: 3 });
    expect(byMax.rows.map((r) => [r.runId, r.value])).toEqual([
      [c.id, 0.95],
      [a.id, 0.9],
    ]);
    const byMinAsc = await leaderboard({ ctx, input: { projectId: project.id, metric: "val/acc", stat: "min", direction: "asc" } });
    expect(byMinAsc.rows.map((r) => [r.runId, r.value])).toEqual([
      [c.id, 0.2],
      [a.id, 0.5],
      [b.id, 0.6],
    ]);
    expect(await leaderboard({ ctx, input: { projectId: project.id, metric: "missing" } })).toMatchObject({ total: 0, rows: [] });
  });

  it("sums GPU-hours by user and by target over a window, counting running attempts to now", async () => {
    const { ctx, member, project, team, owner, members } = await setup();
    const gpus = (n: number) => Array.from({ length: n }, (_, index) => ({ index, uuid: `GPU-${index}`, name: "A100", memoryMb: 81920, driver: "550" }));
    const targets = [];
    for (const [i, n] of [4, 2].entries()) {
      const { target } = await registerTarget({ ctx, input: { teamSlug: team.slug, name: `node-${i}-${uniq("t")}`, labels: { node: String(i) } } });
      await agentCheckIn({ db: h.db, target, input: { gpus: gpus(n) } });
      const [row] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, target.id));
      targets.push(row!);
    }
    const [big, small] = targets as [(typeof targets)[number], (typeof targets)[number]];
    const now = new Date("2030-01-31T00:00:00Z");
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    /** Submits, claims on `target`, starts, optionally finishes, then pins the attempt's times. */
    async function job(who: typeof ctx, target: typeof big, gpuCount: number, startedHoursAgo: number, endedHoursAgo: number | null) {
      const submitted = await submitJob({ ctx: who, input: { projectId: project.id, command: "train", resources: { gpus: gpuCount }, labels: { node: target.labels.node! } } });
      const claimed = await claimJob(h.db, target.id);
      expect(claimed?.job.id).toBe(submitted.id);
      await startJob({ db: h.db, target, jobId: submitted.id, input: {} });
      if (endedHoursAgo !== null) await finishJob({ db: h.db, target, jobId: submitted.id, input: { outcome: "succeeded", exitCode: 0 } });
      await h.db
        .update(jobAttempts)
        .set({ startedAt: at(startedHoursAgo), endedAt: endedHoursAgo === null ? null : at(endedHoursAgo) })
        .where(and(eq(jobAttempts.jobId, submitted.id), eq(jobAttempts.attempt, 1)));
      return submitted;
    }
    await job(ctx, big, 4, 10, 8); // owner: 4 GPUs × 2 h = 8
    await job(member, small, 2, 3, null); // member, still running: 2 × 3 h = 6
    await job(ctx, big, 2, 30 * 24 + 5, 30 * 24 - 1); // owner: straddles the 30-day edge, 2 × 1 h = 2 inside
    await job(ctx, big, 1, 40 * 24, 39 * 24); // owner: wholly before the window
    await job(member, small, 0, 2, 1); // no GPUs: left out

    const byUser = await computeUsage({ ctx, input: { projectId: project.id, days: 30, groupBy: "user" } }, now);
    expect(byUser).toMatchObject({ groupBy: "user", days: 30, from: at(30 * 24), to: now });
    expect(byUser.totalGpuHours).toBeCloseTo(16, 6);
    expect(byUser.groups.map((g) => ({ ...g, gpuHours: Math.round(g.gpuHours * 1e6) / 1e6 }))).toEqual([
      { key: owner.userId, label: owner.name, gpuHours: 10, jobs: 2, running: 0 },
      { key: members[0]!.userId, label: members[0]!.name, gpuHours: 6, jobs: 1, running: 1 },
    ]);

    const byTarget = await computeUsage({ ctx, input: { projectId: project.id, days: 30, groupBy: "target" } }, now);
    expect(byTarget.groups.map((g) => [g.key, g.label, Math.round(g.gpuHours * 1e6) / 1e6])).toEqual([
      [big.id, big.name, 10],
      [small.id, small.name, 6],
    ]);
    const lastDay = await computeUsage({ ctx, input: { projectId: project.id, days: 1, groupBy: "user" } }, now);
    expect(lastDay.totalGpuHours).toBeCloseTo(14, 6);
  });

  it("serves dashboards over REST with strict bodies: 201, 409 for a stale revision, 412 for the last one", async () => {
    const { owner, project } = await setup();
    const { token } = await createToken({ ctx: ctxFor(h.db, owner), input: { name: "t" } });
    const call = (route: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, params: Record<string, string>, body?: unknown) =>
      route(
        new Request("http://localhost/api", {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { params: Promise.resolve(params) },
      );
    const created = await call(createDashboardRoute, "POST", { projectId: project.id }, { name: "Api", panels: [leaderboardPanel()] });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; revision: number; panels: { id: string; config: Record<string, unknown> }[] };
    expect(body).toMatchObject({ name: "Api", revision: 1, project_id: project.id, updated_by: { id: owner.userId, name: owner.name } });
    expect(body.panels[0]!.config).toEqual({ metric: "val/acc", stat: "max", direction: "desc", k: 5, params: [] });
    expect((await call(createDashboardRoute, "POST", { projectId: project.id }, { name: "x", extra: 1 })).status).toBe(422);

    const put = await call(updateDashboardRoute, "PUT", { dashboardId: body.id }, { revision: 1, panels: [{ ...body.panels[0], w: 12 }] });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ revision: 2, panels: [{ id: body.panels[0]!.id, w: 12 }] });
    expect((await call(updateDashboardRoute, "PUT", { dashboardId: body.id }, { revision: 1, name: "late" })).status).toBe(409);
    expect((await call(getDashboardRoute, "GET", { dashboardId: body.id })).status).toBe(200);
    expect(await (await call(deleteDashboardRoute, "DELETE", { dashboardId: body.id })).json()).toEqual({ id: body.id, deleted: true });
    const [last] = await listDashboards({ ctx: ctxFor(h.db, owner), input: { projectId: project.id } });
    expect((await call(deleteDashboardRoute, "DELETE", { dashboardId: last!.id })).status).toBe(412);
  });
});
