import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobAttempts, jobs } from "@/db/schema";
import type { JobState } from "@/db/schema/enums";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../context";
import { conflict } from "../errors";
import { revokeRunTokens } from "../tokens/tokens";
import { applyRunStatus } from "../tracking/runs";
import type { JobRow } from "./access";
import { canTransition, isTerminalJobState, jobTransitions, type JobVerb, runStatusFor } from "./transitions";

type JobPatch = Partial<Omit<typeof jobs.$inferInsert, "id" | "state">>;

/**
 * The one way a job changes state: checks the verb's guard, updates the job only if it is still in
 * the state that was read (so two racing writers cannot both move it), keeps the attempt row and
 * the run's status in step, revokes the job's run token when it stops, and audits the move.
 */
export async function moveJob(
  tx: DbOrTx,
  job: JobRow,
  verb: JobVerb,
  { patch = {}, actor = null, reason, data = {} }: { patch?: JobPatch; actor?: Actor | null; reason?: string; data?: Record<string, unknown> } = {},
): Promise<JobRow> {
  const to: JobState = jobTransitions[verb].to;
  if (!canTransition(verb, job.state)) throw conflict(`Job ${job.id} is ${job.state}; it cannot ${verb}`);
  const now = new Date();
  const [moved] = await tx
    .update(jobs)
    .set({ ...patch, state: to, updatedAt: now, ...(isTerminalJobState(to) ? { endedAt: now } : {}) })
    .where(and(eq(jobs.id, job.id), eq(jobs.state, job.state), eq(jobs.attempt, job.attempt)))
    .returning();
  if (!moved) throw conflict(`Job ${job.id} changed while this request ran; try again`);

  if (verb === "assign") {
    await tx.insert(jobAttempts).values({ jobId: job.id, attempt: moved.attempt, targetId: moved.assignedTargetId, gpus: moved.allocatedGpus, state: to });
  } else if (verb !== "requeue") {
    await tx
      .update(jobAttempts)
      .set({
        state: to,
        ...(verb === "start" ? { startedAt: now } : {}),
        ...(isTerminalJobState(to) ? { endedAt: now, exitCode: moved.exitCode, reason: reason ?? moved.failureReason } : {}),
      })
      .where(and(eq(jobAttempts.jobId, job.id), eq(jobAttempts.attempt, job.attempt), inArray(jobAttempts.state, ["assigned", "running"])));
  }
  if (isTerminalJobState(to)) await revokeRunTokens(tx, job.runId);
  // A lost job that will be retried keeps its run open: the requeue that follows sets it queued.
  await applyRunStatus(tx, job.runId, runStatusFor(to));
  await writeAudit(tx, actor, {
    teamId: job.teamId,
    projectId: job.projectId,
    action: `job.${verb}`,
    targetType: "job",
    targetId: job.id,
    data: { from: job.state, to, attempt: moved.attempt, ...(reason ? { reason } : {}), ...data },
  });
  return moved;
}
