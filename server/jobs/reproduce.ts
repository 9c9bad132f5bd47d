import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { environmentVersions, jobs, metricSeries, reproductions, runDatasets, runs } from "@/db/schema";
import { serviceContext, type ServiceContext } from "../context";
import { preconditionFailed } from "../errors";
import { logger } from "../logger";
import { runAccess } from "../tracking/access";
import { readSeries } from "../tracking/metrics";
import { sameCode, submitJob } from "./submit";
import { compareRuns, DEFAULT_TOLERANCE, type Series } from "./verdict";
import { z } from "zod";

export const ReproduceInput = z.object({
  runId: z.string().min(1),
  /** Metrics to compare; all the original's by default. */
  keys: z.array(z.string().min(1).max(250)).max(100).optional(),
  tolerance: z.number().positive().max(1).default(DEFAULT_TOLERANCE),
});
export type ReproduceInput = z.input<typeof ReproduceInput>;

/**
 * Launches a run again from what was recorded: the same commit or snapshot, environment version,
 * command, params, dataset references and resources. The new run is linked to the original and
 * gets a verdict when it ends.
 */
export async function reproduceRun({ ctx, input }: { ctx: ServiceContext; input: ReproduceInput }) {
  const data = ReproduceInput.parse(input);
  const { run } = await runAccess(ctx, data.runId, "runs:write");
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.runId, run.id));
  if (!job) throw preconditionFailed("Only runs launched as jobs can be reproduced: this run was logged from outside");
  if (job.code.kind === "git" && !job.code.commit) throw preconditionFailed("The original job never checked out its code, so there is no commit to reproduce");
  const [version] = job.environmentVersionId
    ? await ctx.db.select({ digest: environmentVersions.digest }).from(environmentVersions).where(eq(environmentVersions.id, job.environmentVersionId))
    : [];
  const keys =
    data.keys ??
    (await ctx.db.select({ key: metricSeries.key }).from(metricSeries).where(eq(metricSeries.runId, run.id))).map((s) => s.key).sort();
  const datasets = await ctx.db.select().from(runDatasets).where(eq(runDatasets.runId, run.id));
  const created = await submitJob({
    ctx,
    input: {
      projectId: job.projectId,
      name: `${run.name} · reproduction`,
      command: job.command,
      resources: job.resources,
      environment: version ? version.digest : undefined,
      params: job.params,
      tags: { "trainyard.reproduction_of": run.id },
      code: sameCode(job.code),
      target: job.targetId ?? undefined,
      labels: job.labels,
      priority: job.priority,
      maxRetries: job.maxRetries,
    },
    within: async (tx, newJob) => {
      await tx.insert(reproductions).values({ runId: newJob.runId, ofRunId: run.id, keys, tolerance: data.tolerance });
      if (datasets.length) {
        await tx.insert(runDatasets).values(datasets.map(({ uri, digest, name, context }) => ({ uri, digest, name, context, runId: newJob.runId, projectId: newJob.projectId })));
      }
    },
  });
  return created;
}

async function seriesOf(db: DbOrTx, runId: string, keys: string[]): Promise<Map<string, Series>> {
  const rows = await db.select({ id: metricSeries.id, key: metricSeries.key }).from(metricSeries).where(eq(metricSeries.runId, runId));
  const ctx = serviceContext(db, null);
  const out = new Map<string, Series>();
  for (const row of rows) if (keys.includes(row.key)) out.set(row.key, await readSeries(ctx, row.id));
  return out;
}

/** Writes the verdict of a reproduction whose run has ended; nothing for other runs. */
export async function evaluateReproduction(db: DbOrTx, runId: string): Promise<void> {
  const [repro] = await db.select().from(reproductions).where(and(eq(reproductions.runId, runId), eq(reproductions.verdict, "pending")));
  if (!repro) return;
  const [mine, original] = await Promise.all([
    db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)),
    db.select({ status: runs.status }).from(runs).where(eq(runs.id, repro.ofRunId)),
  ]);
  let result: { verdict: "reproduced" | "diverged" | "not_comparable"; detail: string };
  if (mine[0]?.status !== "succeeded") result = { verdict: "not_comparable", detail: `The reproduction ended as ${mine[0]?.status ?? "unknown"}` };
  else if (original[0]?.status !== "succeeded") result = { verdict: "not_comparable", detail: `The original run ended as ${original[0]?.status ?? "unknown"}` };
  else result = compareRuns(await seriesOf(db, repro.ofRunId, repro.keys), await seriesOf(db, runId, repro.keys), repro.keys, repro.tolerance);
  await db
    .update(reproductions)
    .set({ ...result, evaluatedAt: new Date() })
    .where(and(eq(reproductions.runId, runId), eq(reproductions.verdict, "pending")));
}

/** After a job ends: the follow-ups that read what it left (a reproduction's verdict). */
export async function afterJobEnded(db: DbOrTx, runId: string): Promise<void> {
  await evaluateReproduction(db, runId).catch((error: unknown) => logger.error({ err: error, runId }, "evaluating a reproduction failed"));
}
