import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { environments, environmentVersions, metricSeries, reproductions, type RunSource, runDatasets, runParams, runs, runTags, users } from "@/db/schema";
import { terminalRunStatuses, type RunStatus } from "@/db/schema/enums";
import type { DbOrTx } from "@/db/client";
import { writeAudit } from "../audit/write-audit";
import type { Actor, ServiceContext } from "../context";
import { conflict, notFound, preconditionFailed } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { runAccess } from "./access";
import {
  CreateRunInput,
  ListRunsInput,
  LogDatasetsInput,
  LogParamsInput,
  RunRef,
  SetTagsInput,
  UpdateRunInput,
} from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

const isTerminal = (s: RunStatus) => (terminalRunStatuses as readonly RunStatus[]).includes(s);

/** Adds params; a key already logged with another value is a CONFLICT (params are immutable). */
async function insertParams(tx: DbOrTx, projectId: string, runId: string, params: Record<string, string>) {
  const entries = Object.entries(params);
  if (entries.length === 0) return;
  await tx
    .insert(runParams)
    .values(entries.map(([key, value]) => ({ projectId, runId, key, value })))
    .onConflictDoNothing();
  const stored = await tx
    .select({ key: runParams.key, value: runParams.value })
    .from(runParams)
    .where(and(eq(runParams.runId, runId), inArray(runParams.key, entries.map(([k]) => k))));
  const clash = stored.find((row) => params[row.key] !== row.value);
  if (clash) {
    throw conflict(`Param "${clash.key}" is already "${clash.value}" on this run and cannot change to "${params[clash.key]}"`);
  }
}

async function upsertTags(tx: DbOrTx, projectId: string, runId: string, tags: Record<string, string>) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return;
  await tx
    .insert(runTags)
    .values(entries.map(([key, value]) => ({ projectId, runId, key, value })))
    .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: sql`excluded.value` } });
}

export async function createRun({ ctx, input }: Verb<CreateRunInput>) {
  const { project, actor } = await projectAccess(ctx, CreateRunInput.shape.projectId.parse(input.projectId), "runs:write");
  const data = CreateRunInput.parse(input);
  return ctx.db.transaction((tx) =>
    insertRun(tx, actor, project, {
      name: data.name,
      params: data.params,
      tags: data.tags,
      source: { gitUrl: data.source?.git_url, commit: data.source?.commit, dirtySha256: data.source?.dirty_sha256 },
    }),
  );
}

/**
 * Inserts a run with its params and tags, audited, inside the caller's transaction (after the
 * caller checked access): used by createRun and by job submission, which starts runs as queued.
 */
export async function insertRun(
  tx: DbOrTx,
  actor: Actor,
  project: { id: string; teamId: string },
  data: {
    name?: string;
    status?: RunStatus;
    params?: Record<string, string>;
    tags?: Record<string, string>;
    source?: RunSource;
    environmentVersionId?: string;
    /** When the client says it started (MLflow's start_time); now otherwise. */
    startedAt?: Date;
  },
) {
  const id = createId("run");
  const [run] = await tx
    .insert(runs)
    .values({
      id,
      projectId: project.id,
      name: data.name || id.slice(-8),
      status: data.status ?? "running",
      createdBy: actor.userId,
      source: data.source ?? {},
      environmentVersionId: data.environmentVersionId ?? null,
      ...(data.startedAt ? { startedAt: data.startedAt } : {}),
    })
    .returning();
  await insertParams(tx, project.id, id, data.params ?? {});
  await upsertTags(tx, project.id, id, data.tags ?? {});
  await writeAudit(tx, actor, {
    teamId: project.teamId,
    projectId: project.id,
    action: "run.create",
    targetType: "run",
    targetId: id,
    data: { name: run!.name },
  });
  return run!;
}

export async function getRun({ ctx, input }: Verb<RunRef>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "team:read");
  return runDetails(ctx.db, run);
}

/** A run with its params, tags, metric summaries, datasets and environment; the caller checked access. */
export async function runDetails(db: DbOrTx, run: typeof runs.$inferSelect) {
  const [params, tags, metrics, datasets, creator, reproduction, environment] = await Promise.all([
    db.select({ key: runParams.key, value: runParams.value }).from(runParams).where(eq(runParams.runId, run.id)),
    db.select({ key: runTags.key, value: runTags.value }).from(runTags).where(eq(runTags.runId, run.id)),
    db.select().from(metricSeries).where(eq(metricSeries.runId, run.id)).orderBy(asc(metricSeries.key)),
    db.select().from(runDatasets).where(eq(runDatasets.runId, run.id)),
    run.createdBy
      ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, run.createdBy))
      : Promise.resolve([]),
    db
      .select({ of: reproductions.ofRunId, verdict: reproductions.verdict, detail: reproductions.detail })
      .from(reproductions)
      .where(eq(reproductions.runId, run.id)),
    run.environmentVersionId
      ? db
          .select({ name: environments.name, version: environmentVersions.version, digest: environmentVersions.digest, pinned: environmentVersions.pinned })
          .from(environmentVersions)
          .innerJoin(environments, eq(environments.id, environmentVersions.environmentId))
          .where(eq(environmentVersions.id, run.environmentVersionId))
      : Promise.resolve([]),
  ]);
  return {
    ...run,
    creator: creator[0] ?? null,
    /** Set when this run reproduces another: the verdict once it ended. */
    reproduction: reproduction[0] ?? null,
    /** The environment version the run declared, when it was launched with one. */
    environment: environment[0] ?? null,
    params: Object.fromEntries(params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
    metrics: metrics.map(({ key, count, lastStep, lastValue, lastTimestamp, minValue, maxValue, updatedAt }) => ({
      key,
      count,
      lastStep,
      lastValue,
      lastTimestamp,
      minValue,
      maxValue,
      updatedAt,
    })),
    datasets: datasets.map(({ uri, digest, name, context }) => ({ uri, digest, name, context })),
  };
}
export type RunDetails = Awaited<ReturnType<typeof runDetails>>;

/** Renames, edits notes or changes status; reaching a terminal status sets the end time once. */
export async function updateRun({ ctx, input }: Verb<UpdateRunInput>) {
  const access = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = UpdateRunInput.parse(input);
  // The details are read after the commit: their reads run in parallel, which one transaction's
  // single connection cannot do.
  const row = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(runs).where(eq(runs.id, access.run.id)).for("update");
    const run = current!;
    const changes: Partial<typeof runs.$inferInsert> = {};
    if (data.name !== undefined && data.name !== run.name) changes.name = data.name;
    if (data.notes !== undefined && data.notes !== run.notes) changes.notes = data.notes;
    if (data.status !== undefined && data.status !== run.status) {
      if (isTerminal(run.status)) {
        throw preconditionFailed(`Run has already ended as ${run.status}; it cannot become ${data.status}`);
      }
      changes.status = data.status;
      if (isTerminal(data.status)) changes.endedAt = new Date();
    }
    if (Object.keys(changes).length === 0) return run;
    const [updated] = await tx.update(runs).set(changes).where(eq(runs.id, run.id)).returning();
    await writeAudit(tx, access.actor, {
      teamId: access.project.teamId,
      projectId: access.project.id,
      action: "run.update",
      targetType: "run",
      targetId: run.id,
      data: { ...(changes.status ? { status: { from: run.status, to: changes.status } } : {}), ...(changes.name ? { name: changes.name } : {}) },
    });
    return updated!;
  });
  return runDetails(ctx.db, row);
}

export async function logParams({ ctx, input }: Verb<LogParamsInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = LogParamsInput.parse(input);
  await ctx.db.transaction((tx) => insertParams(tx, run.projectId, run.id, data.params));
  return { params: data.params };
}

export async function setTags({ ctx, input }: Verb<SetTagsInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = SetTagsInput.parse(input);
  await upsertTags(ctx.db, run.projectId, run.id, data.tags);
  return { tags: data.tags };
}

export async function deleteTag({ ctx, input }: Verb<RunRef & { key: string }>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const removed = await ctx.db
    .delete(runTags)
    .where(and(eq(runTags.runId, run.id), eq(runTags.key, input.key)))
    .returning({ key: runTags.key });
  if (removed.length === 0) throw notFound(`Tag "${input.key}" on run ${run.id}`);
  return { key: input.key };
}

export async function logDatasets({ ctx, input }: Verb<LogDatasetsInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = LogDatasetsInput.parse(input);
  await ctx.db
    .insert(runDatasets)
    .values(data.datasets.map((d) => ({ ...d, runId: run.id, projectId: run.projectId })))
    .onConflictDoNothing();
  return { datasets: data.datasets };
}

/**
 * Soft-deletes or restores a run (MLflow's lifecycle stage): a deleted run keeps everything, is
 * hidden from lists and takes no writes until restored.
 */
export async function setRunDeleted({ ctx, input }: Verb<RunRef & { deleted: boolean }>) {
  const { run, actor, project } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write", { allowDeleted: true });
  if (Boolean(run.deletedAt) === input.deleted) return run;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(runs)
      .set({ deletedAt: input.deleted ? new Date() : null })
      .where(eq(runs.id, run.id))
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: input.deleted ? "run.delete" : "run.restore",
      targetType: "run",
      targetId: run.id,
      data: { name: run.name },
    });
    return updated!;
  });
}

/** The runs of a project with params, tags and metric summaries, for the runs table. */
export async function listRuns({ ctx, input }: Verb<ListRunsInput>) {
  const { project } = await projectAccess(ctx, ListRunsInput.shape.projectId.parse(input.projectId), "team:read");
  const data = ListRunsInput.parse(input);
  // Only what a runs table shows: notes and sources can be large and are read per run.
  const rows = await ctx.db
    .select({
      run: {
        id: runs.id,
        name: runs.name,
        status: runs.status,
        startedAt: runs.startedAt,
        endedAt: runs.endedAt,
        createdBy: runs.createdBy,
      },
      creatorName: users.name,
    })
    .from(runs)
    .leftJoin(users, eq(users.id, runs.createdBy))
    .where(and(eq(runs.projectId, project.id), isNull(runs.deletedAt), data.status ? eq(runs.status, data.status) : undefined))
    .orderBy(desc(runs.startedAt))
    .limit(data.limit);
  const [params, tags, series] = await Promise.all([
    ctx.db.select().from(runParams).where(eq(runParams.projectId, project.id)),
    ctx.db.select().from(runTags).where(eq(runTags.projectId, project.id)),
    ctx.db
      .select({
        runId: metricSeries.runId,
        key: metricSeries.key,
        count: metricSeries.count,
        last: metricSeries.lastValue,
        lastStep: metricSeries.lastStep,
        min: metricSeries.minValue,
        max: metricSeries.maxValue,
      })
      .from(metricSeries)
      .where(eq(metricSeries.projectId, project.id)),
  ]);
  const byRun = <T extends { runId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const list = map.get(item.runId);
      if (list) list.push(item);
      else map.set(item.runId, [item]);
    }
    return map;
  };
  const p = byRun(params);
  const t = byRun(tags);
  const m = byRun(series);
  return rows.map(({ run, creatorName }) => ({
    ...run,
    creatorName,
    params: Object.fromEntries((p.get(run.id) ?? []).map((x) => [x.key, x.value])),
    tags: Object.fromEntries((t.get(run.id) ?? []).map((x) => [x.key, x.value])),
    metrics: Object.fromEntries(
      (m.get(run.id) ?? []).map(({ key, count, last, lastStep, min, max }) => [key, { count, last, lastStep, min, max }]),
    ),
  }));
}

/**
 * Moves a run to the status its job implies (the job verbs call this in their transaction).
 * Starting resets the start time to when the command began; a terminal status sets the end time.
 */
export async function applyRunStatus(tx: DbOrTx, runId: string, status: RunStatus) {
  await tx
    .update(runs)
    .set({
      status,
      ...(status === "running" ? { startedAt: new Date(), endedAt: null } : {}),
      ...(isTerminal(status) ? { endedAt: new Date() } : {}),
      ...(status === "queued" ? { endedAt: null } : {}),
    })
    .where(eq(runs.id, runId));
}

/** Records the commit a job's checkout resolved to. */
export async function recordRunCommit(tx: DbOrTx, runId: string, commit: string) {
  await tx
    .update(runs)
    .set({ source: sql`${runs.source} || jsonb_build_object('commit', ${commit}::text)` })
    .where(eq(runs.id, runId));
}
