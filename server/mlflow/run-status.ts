import type { RunStatus } from "@/db/schema/enums";

// MLflow's RunStatus names for ours, and back. A lost run (its host stopped answering) is FAILED to
// MLflow, which has no such state.
export const mlflowRunStatuses = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type MlflowRunStatus = (typeof mlflowRunStatuses)[number];

export const toMlflowStatus: Record<RunStatus, MlflowRunStatus> = {
  queued: "SCHEDULED",
  running: "RUNNING",
  succeeded: "FINISHED",
  failed: "FAILED",
  cancelled: "KILLED",
  lost: "FAILED",
};

export const fromMlflowStatus: Record<MlflowRunStatus, RunStatus> = {
  SCHEDULED: "queued",
  RUNNING: "running",
  FINISHED: "succeeded",
  FAILED: "failed",
  KILLED: "cancelled",
};
