import { and, eq } from "drizzle-orm";
import { computeTargets, jobAttempts, jobs } from "@/db/schema";
import { parseIndices } from "../compute/slurm/inventory";
import type { ServiceContext } from "../context";
import { conflict, notFound, unauthorized } from "../errors";
import { environmentVersion } from "../environments/environments";
import { finishJob, startJob } from "./lifecycle";
import type { JobFinishInput, JobStartInput } from "./schemas";

// `trainyard exec` (the agent's executor, one-shot, inside a Slurm batch job) reports through
// these verbs with the attempt's run token: the same start and finish as an agent's, so a Slurm
// job goes through the same transitions. Only the job's own token may use them.

async function execHeld(ctx: ServiceContext, jobId: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  // Another run's token, or a user's own token, sees no such job: only the attempt's token may execute it.
  if (!job || actor.runScope !== job.runId) throw notFound("Job");
  const [target] = job.assignedTargetId ? await ctx.db.select().from(computeTargets).where(eq(computeTargets.id, job.assignedTargetId)) : [];
  if (!target || target.kind !== "slurm") throw conflict(`Job ${job.id} is not placed on a Slurm target`);
  return { job, target };
}

/** What the executor runs: the same description an agent's claim gets. */
export async function execJob({ ctx, input }: { ctx: ServiceContext; input: { jobId: string } }) {
  const { job } = await execHeld(ctx, input.jobId);
  if (job.state !== "assigned" && job.state !== "running") throw conflict(`Job ${job.id} is ${job.state}; there is nothing to run`);
  const environment = job.environmentVersionId ? await environmentVersion(ctx.db, job.environmentVersionId) : null;
  return { job, environment };
}

export interface ExecSlurmReport {
  jobId?: number;
  node?: string;
  /** SLURM_JOB_GPUS, e.g. "0,1". */
  gpus?: string;
}

export async function execStarted({ ctx, input, slurm }: { ctx: ServiceContext; input: { jobId: string } & JobStartInput; slurm?: ExecSlurmReport }) {
  const { jobId, ...report } = input;
  const { job, target } = await execHeld(ctx, jobId);
  const moved = await startJob({ db: ctx.db, target, jobId, input: report });
  if (slurm && moved.attempt === job.attempt) {
    const gpus = slurm.gpus ? parseIndices(slurm.gpus) : [];
    const info = {
      ...(moved.slurm ?? { name: "" }),
      ...(slurm.jobId !== undefined ? { jobId: slurm.jobId } : {}),
      ...(slurm.node ? { node: slurm.node } : {}),
      ...(slurm.gpus !== undefined ? { gpus: slurm.gpus } : {}),
      state: "RUNNING",
      reason: undefined,
    };
    await ctx.db
      .update(jobs)
      .set({ slurm: info, ...(gpus.length ? { allocatedGpus: gpus } : {}) })
      .where(and(eq(jobs.id, job.id), eq(jobs.attempt, job.attempt)));
    if (gpus.length) await ctx.db.update(jobAttempts).set({ gpus }).where(and(eq(jobAttempts.jobId, job.id), eq(jobAttempts.attempt, job.attempt)));
  }
  return moved;
}

export async function execFinished({ ctx, input }: { ctx: ServiceContext; input: { jobId: string } & JobFinishInput }) {
  const { jobId, ...report } = input;
  const { target } = await execHeld(ctx, jobId);
  return finishJob({ db: ctx.db, target, jobId, input: report });
}
