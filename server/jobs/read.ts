import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets, jobAttempts, jobs } from "@/db/schema";
import { teamTargetSnapshots } from "../compute/allocations";
import { pendingReason, type TargetSnapshot } from "../compute/placement";
import type { ServiceContext } from "../context";
import { projectAccess } from "../teams/access";
import { runAccess } from "../tracking/access";
import { jobAccess, type JobRow } from "./access";
import { JobRef, ListJobsInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/** Jobs with their attempts, target names and, while they wait, why. */
async function jobDetails(db: DbOrTx, rows: JobRow[]) {
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(jobAttempts)
    .where(inArray(
      jobAttempts.jobId,
      rows.map((j) => j.id),
    ))
    .orderBy(asc(jobAttempts.attempt));
  const targetIds = new Set<string>();
  for (const j of rows) for (const id of [j.targetId, j.assignedTargetId]) if (id) targetIds.add(id);
  for (const a of attempts) if (a.targetId) targetIds.add(a.targetId);
  const targets = targetIds.size
    ? await db.select({ id: computeTargets.id, name: computeTargets.name, kind: computeTargets.kind }).from(computeTargets).where(inArray(computeTargets.id, [...targetIds]))
    : [];
  const names = new Map(targets.map((t) => [t.id, t.name]));
  const slurmTargets = new Set(targets.filter((t) => t.kind === "slurm").map((t) => t.id));
  const ref = (id: string | null) => (id && names.has(id) ? { id, name: names.get(id)! } : null);
  // Why a job waits depends on the whole team's capacity: read it once for all queued jobs.
  const snapshots = new Map<string, TargetSnapshot[]>();
  for (const j of rows) if (j.state === "queued" && !snapshots.has(j.teamId)) snapshots.set(j.teamId, await teamTargetSnapshots(db, j.teamId));
  return rows.map((job) => ({
    ...job,
    target: ref(job.targetId),
    assignedTarget: ref(job.assignedTargetId),
    attempts: attempts.filter((a) => a.jobId === job.id).map((a) => ({ ...a, targetName: a.targetId ? (names.get(a.targetId) ?? null) : null })),
    pendingReason:
      job.state === "assigned" && job.slurm
        ? slurmPendingReason(job.slurm)
        : job.state === "queued"
          ? queuedReason(job, snapshots.get(job.teamId) ?? [], job.targetId !== null && slurmTargets.has(job.targetId))
          : null,
  }));
}
function queuedReason(job: JobRow, snapshots: TargetSnapshot[], onSlurm: boolean): string {
  const reason = pendingReason({ ...job.resources, targetId: job.targetId ?? undefined, labels: job.labels }, snapshots);
  if (!onSlurm) return reason;
  const target = snapshots.find((t) => t.id === job.targetId);
  return target && !target.online ? `waiting: the Slurm cluster ${target.name} cannot be reached` : "waiting: to be submitted to Slurm";
}

/** Why an assigned Slurm job waits: Slurm's own reason ("Resources", "Priority") while it pends. */
function slurmPendingReason(slurm: NonNullable<JobRow["slurm"]>): string | null {
  if (slurm.jobId === undefined) return slurm.submitError ? `waiting: submitting to Slurm failed (${slurm.submitError}); retrying` : "waiting: being submitted to Slurm";
  if (slurm.state === "PENDING") return `waiting in Slurm: ${slurm.reason ?? "None"}`;
  return null;
}

export type JobDetails = Awaited<ReturnType<typeof jobDetails>>[number];

export async function getJob({ ctx, input }: Verb<JobRef>) {
  const { job } = await jobAccess(ctx, JobRef.parse(input).jobId, "team:read");
  const [details] = await jobDetails(ctx.db, [job]);
  return details!;
}

/** The job that runs a run, if it was launched through the platform. */
export async function jobOfRun({ ctx, input }: Verb<{ runId: string }>) {
  const { run } = await runAccess(ctx, input.runId, "team:read");
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.runId, run.id)).limit(1);
  if (!job) return null;
  const [details] = await jobDetails(ctx.db, [job]);
  return details!;
}

export async function listJobs({ ctx, input }: Verb<ListJobsInput>) {
  const { project } = await projectAccess(ctx, ListJobsInput.shape.projectId.parse(input.projectId), "team:read");
  const data = ListJobsInput.parse(input);
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.projectId, project.id), data.states?.length ? inArray(jobs.state, data.states) : undefined))
    .orderBy(desc(jobs.createdAt))
    .limit(data.limit);
  return jobDetails(ctx.db, rows);
}
