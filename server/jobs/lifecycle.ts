import { and, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets, jobs, runEnvironments } from "@/db/schema";
import { activeJobStates } from "@/db/schema/enums";
import { writeAudit } from "../audit/write-audit";
import { HEARTBEAT_TIMEOUT_MS } from "../compute/health";
import { agentHeartbeat } from "../compute/targets";
import type { AgentHeartbeatInput } from "../compute/schemas";
import type { ServiceContext } from "../context";
import { conflict } from "../errors";
import { logger } from "../logger";
import { recordRunCommit } from "../tracking/runs";
import { jobAccess, type JobRow } from "./access";
import { moveJob } from "./move";
import { afterJobEnded } from "./reproduce";
import { JobFinishInput, JobRef, JobStartInput } from "./schemas";
import { notifyQueueChanged } from "./signal";
import { failureReason, isTerminalJobState } from "./transitions";

type TargetRow = typeof computeTargets.$inferSelect;

/** The job as this agent holds it, locked; anything else (another target, an old attempt) is a conflict. */
async function heldJob(tx: DbOrTx, target: TargetRow, jobId: string, attempt?: number): Promise<JobRow> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
  if (!job || job.assignedTargetId !== target.id || (attempt !== undefined && job.attempt !== attempt)) {
    throw conflict(`Job ${jobId} is not assigned to ${target.name}`);
  }
  return job;
}

async function storeCaptured(tx: DbOrTx, runId: string, captured: JobStartInput["captured"]) {
  if (!captured) return;
  await tx
    .insert(runEnvironments)
    .values({ runId, captured })
    .onConflictDoUpdate({ target: runEnvironments.runId, set: { captured, capturedAt: new Date() } });
}

/**
 * The agent started the command (after checkout): the job and its run are running. The agent
 * reports again with the captured environment once it has read it, so that reading it does not
 * delay the start; a report for a running job only stores that.
 */
export async function startJob({ db, target, jobId, input }: { db: DbOrTx; target: TargetRow; jobId: string; input: JobStartInput }) {
  const data = JobStartInput.parse(input);
  return db.transaction(async (tx) => {
    const job = await heldJob(tx, target, jobId);
    if (job.state === "running") {
      await storeCaptured(tx, job.runId, data.captured);
      return job;
    }
    // A git ref is pinned to the commit it resolved to, so retries and reruns check out the same code.
    const code = job.code.kind === "git" && data.commit ? { ...job.code, commit: data.commit } : job.code;
    const moved = await moveJob(tx, job, "start", { patch: { startedAt: new Date(), code }, data: { target: target.name, pid: data.pid } });
    if (data.commit) await recordRunCommit(tx, job.runId, data.commit);
    await storeCaptured(tx, job.runId, data.captured);
    return moved;
  });
}

/**
 * The command ended (or never started). Exit 0 → succeeded; else failed with the exit and the last
 * lines; cancelled when the agent stopped it on request. Reporting the same end twice is harmless.
 */
export async function finishJob({ db, target, jobId, input }: { db: DbOrTx; target: TargetRow; jobId: string; input: JobFinishInput }) {
  const data = JobFinishInput.parse(input);
  const moved = await db.transaction(async (tx) => {
    const job = await heldJob(tx, target, jobId);
    if (isTerminalJobState(job.state)) return job;
    const exitCode = data.exitCode ?? null;
    if (data.outcome === "cancelled" || (job.cancelRequestedAt && data.outcome === "failed")) {
      return moveJob(tx, job, "cancel", { patch: { exitCode }, reason: "Cancelled", data: { target: target.name } });
    }
    if (data.outcome === "succeeded" && job.state === "running") {
      return moveJob(tx, job, "succeed", { patch: { exitCode: exitCode ?? 0 }, data: { target: target.name } });
    }
    const reason = failureReason({ exitCode, signal: data.signal, reason: data.reason, logTail: data.logTail });
    return moveJob(tx, job, "fail", { patch: { exitCode, failureReason: reason }, reason, data: { target: target.name, exitCode } });
  });
  notifyQueueChanged();
  if (isTerminalJobState(moved.state)) await afterJobEnded(db, moved.runId);
  return moved;
}

/**
 * Cancels a job: a queued one at once; an assigned or running one is marked, its agent learns it at
 * its next heartbeat, stops the process group and reports it cancelled.
 */
export async function cancelJob({ ctx, input }: { ctx: ServiceContext; input: JobRef }) {
  const { job, actor } = await jobAccess(ctx, JobRef.parse(input).jobId, "runs:write");
  const result = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, job.id)).for("update");
    const row = current!;
    if (isTerminalJobState(row.state)) throw conflict(`Job has already ended as ${row.state}`);
    if (row.state === "queued") return moveJob(tx, row, "cancel", { actor, reason: "Cancelled before it started", patch: { cancelRequestedAt: new Date() } });
    if (row.cancelRequestedAt) return row;
    const [marked] = await tx.update(jobs).set({ cancelRequestedAt: new Date() }).where(eq(jobs.id, row.id)).returning();
    await writeAudit(tx, actor, {
      teamId: row.teamId,
      projectId: row.projectId,
      action: "job.cancel_request",
      targetType: "job",
      targetId: row.id,
      data: { state: row.state },
    });
    return marked!;
  });
  notifyQueueChanged();
  if (isTerminalJobState(result.state)) await afterJobEnded(ctx.db, result.runId);
  return result;
}

/** Ends a job whose agent (or Slurm) lost it: lost, or cancelled if that was asked; re-queued while retries remain. */
export async function loseJob(tx: DbOrTx, job: JobRow, why: string) {
  if (job.cancelRequestedAt) return moveJob(tx, job, "cancel", { reason: `Cancelled; ${why}` });
  const lost = await moveJob(tx, job, "lose", { patch: { failureReason: why }, reason: why });
  if (lost.attempt > job.maxRetries) return lost;
  return moveJob(tx, lost, "requeue", {
    patch: { attempt: lost.attempt + 1, assignedTargetId: null, allocatedGpus: [], assignedAt: null, startedAt: null, endedAt: null, exitCode: null, slurm: null },
    data: { retry: `${lost.attempt} of ${job.maxRetries}` },
  });
}

/** Finds jobs on agents that stopped heartbeating and loses them (the reaper runs this on a timer). */
export async function reapLostJobs(db: DbOrTx, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - HEARTBEAT_TIMEOUT_MS);
  const stale = await db
    .select({ id: jobs.id })
    .from(jobs)
    .innerJoin(computeTargets, eq(computeTargets.id, jobs.assignedTargetId))
    .where(
      and(
        inArray(jobs.state, [...activeJobStates]),
        // Slurm targets have no agent: their jobs are followed through slurmrestd (slurm-dispatch.ts).
        eq(computeTargets.kind, "agent"),
        or(isNull(computeTargets.lastHeartbeatAt), lt(computeTargets.lastHeartbeatAt, cutoff)),
        isNotNull(jobs.assignedAt),
        lt(jobs.assignedAt, cutoff),
      ),
    );
  let reaped = 0;
  for (const { id } of stale) {
    const ended = await db.transaction(async (tx) => {
      const [job] = await tx.select().from(jobs).where(eq(jobs.id, id)).for("update", { skipLocked: true });
      if (!job || !(activeJobStates as readonly string[]).includes(job.state)) return null;
      reaped++;
      return loseJob(tx, job, `The agent stopped sending heartbeats for ${Math.round(HEARTBEAT_TIMEOUT_MS / 1000)} s`);
    });
    if (ended && isTerminalJobState(ended.state)) await afterJobEnded(db, ended.runId);
  }
  if (reaped) notifyQueueChanged();
  return reaped;
}

/** How long an assigned job may be missing from its agent's report before it counts as lost. */
const UNREPORTED_GRACE_MS = 15_000;

/**
 * A heartbeat: records the host's state, and reconciles its jobs. Jobs the server placed on this
 * agent that it no longer reports (it restarted) are lost; jobs to stop are returned.
 */
export async function agentCheckIn({ db, target, input, runningJobs }: { db: DbOrTx; target: TargetRow; input: AgentHeartbeatInput; runningJobs?: string[] }) {
  const updated = await agentHeartbeat({ db, target, input });
  const active = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.assignedTargetId, target.id), inArray(jobs.state, [...activeJobStates])));
  if (runningJobs) {
    const reported = new Set(runningJobs);
    const cutoff = Date.now() - UNREPORTED_GRACE_MS;
    for (const job of active) {
      if (reported.has(job.id) || !job.assignedAt || job.assignedAt.getTime() > cutoff) continue;
      await db
        .transaction(async (tx) => {
          const [current] = await tx.select().from(jobs).where(eq(jobs.id, job.id)).for("update");
          if (current && current.assignedTargetId === target.id && current.attempt === job.attempt && (activeJobStates as readonly string[]).includes(current.state)) {
            await loseJob(tx, current, `The agent on ${target.name} no longer runs this job (it restarted)`);
          }
        })
        .catch((error: unknown) => logger.warn({ err: error, jobId: job.id }, "could not mark an unreported job lost"));
      notifyQueueChanged();
    }
  }
  return { target: updated, cancel: active.filter((j) => j.cancelRequestedAt).map((j) => j.id) };
}

/** Runs reapLostJobs on a timer in the server process. */
export function startReaper(db: DbOrTx, intervalMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reapLostJobs(db)
      .catch((error: unknown) => logger.error({ err: error }, "reaping lost jobs failed"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
