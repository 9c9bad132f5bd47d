import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets, jobs } from "@/db/schema";
import { activeJobsOn, snapshotOf } from "../compute/allocations";
import { placeOn } from "../compute/placement";
import { environmentVersion } from "../environments/environments";
import { issueRunToken } from "../tokens/tokens";
import { moveJob } from "./move";
import { ClaimInput } from "./schemas";
import { queueChangedOrTimeout } from "./signal";

type TargetRow = typeof computeTargets.$inferSelect;

/** How many queued jobs one claim looks at, best first, to find one that fits this target. */
const CLAIM_WINDOW = 32;
/** Re-check interval while waiting, for work the in-process signal cannot see. */
const POLL_MS = 1000;

/**
 * Gives the agent the best queued job that fits it, with specific GPU indices. The target's row is
 * locked for the transaction, so two claims by one target never hand out the same GPU; queued jobs
 * are locked with SKIP LOCKED and moved with a conditional update, so two agents never get the
 * same job (a job taken by a concurrent claim is skipped). Higher priority first, then oldest
 * first; a job that does not fit here is skipped, so smaller jobs may start around a large one.
 */
export async function claimJob(db: DbOrTx, targetId: string) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(computeTargets).where(eq(computeTargets.id, targetId)).for("update");
    if (!target) return null;
    const active = (await activeJobsOn(tx, [target.id])).get(target.id) ?? [];
    const snapshot = snapshotOf(target, active);
    // Candidates are read without locks and taken one at a time: locking the whole window would
    // make concurrent claims by other targets skip jobs this target cannot even run.
    const queued = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.state, "queued"), isNull(jobs.cancelRequestedAt), target.teamId ? eq(jobs.teamId, target.teamId) : undefined))
      .orderBy(desc(jobs.priority), asc(jobs.createdAt))
      .limit(CLAIM_WINDOW);
    for (const candidate of queued) {
      const placement = placeOn({ ...candidate.resources, targetId: candidate.targetId ?? undefined, labels: candidate.labels }, snapshot);
      if (!placement.ok) continue;
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, candidate.id), eq(jobs.state, "queued")))
        .for("update", { skipLocked: true });
      if (!job) continue;
      if (!job.createdBy) {
        // The job would act for its submitter; with the account gone there is no one to act for.
        await moveJob(tx, job, "cancel", { reason: "The account that submitted this job no longer exists" });
        continue;
      }
      const assigned = await moveJob(tx, job, "assign", {
        patch: { assignedTargetId: target.id, allocatedGpus: placement.gpuIndices, assignedAt: new Date() },
        data: { target: target.name, gpus: placement.gpuIndices },
      });
      const runToken = await issueRunToken(tx, { userId: job.createdBy, runId: job.runId, jobId: job.id, attempt: assigned.attempt });
      const environment = job.environmentVersionId ? await environmentVersion(tx, job.environmentVersionId) : null;
      return { job: assigned, runToken, target, environment };
    }
    return null;
  });
}

export type Claimed = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

/** Long poll: claims now, else waits for the queue to change (or the poll interval) and retries. */
export async function waitForJob(db: DbOrTx, target: TargetRow, input: ClaimInput, signal?: AbortSignal): Promise<Claimed | null> {
  const { waitMs } = ClaimInput.parse(input);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claimed = await claimJob(db, target.id);
    if (claimed) return claimed;
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return null;
    await queueChangedOrTimeout(Math.min(left, POLL_MS), signal);
  }
}
