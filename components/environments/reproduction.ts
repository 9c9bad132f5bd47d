import type { JobState, ReproductionVerdict } from "@/db/schema/enums";
import { isJobEnded } from "../jobs/job-state-badge";

/** How long after its job ends a reproduction's run is still asked for its verdict. */
export const VERDICT_GRACE_MS = 30_000;

/**
 * Whether a reproduction's verdict may still change without a reload: it is pending and its job
 * has not ended, or ended moments ago (the verdict is written just after the job's end).
 */
export function awaitingVerdict(
  verdict: ReproductionVerdict | undefined,
  job: { state: JobState; endedAt: Date | null } | null | undefined,
  now: number,
): boolean {
  if (verdict !== "pending" || job === null) return false;
  if (!job || !isJobEnded(job.state)) return true;
  return job.endedAt !== null && now - job.endedAt.getTime() < VERDICT_GRACE_MS;
}
