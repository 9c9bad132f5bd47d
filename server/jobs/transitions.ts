import type { JobState, RunStatus } from "@/db/schema/enums";

// The job lifecycle as named verbs with the states each may leave from. Every write of a job's
// state goes through `guard`, so an illegal move (finishing a queued job, starting a cancelled one)
// is refused in one place.
export const jobTransitions = {
  assign: { from: ["queued"], to: "assigned" },
  start: { from: ["assigned"], to: "running" },
  succeed: { from: ["running"], to: "succeeded" },
  fail: { from: ["assigned", "running"], to: "failed" },
  cancel: { from: ["queued", "assigned", "running"], to: "cancelled" },
  lose: { from: ["assigned", "running"], to: "lost" },
  requeue: { from: ["lost"], to: "queued" },
} as const satisfies Record<string, { from: readonly JobState[]; to: JobState }>;

export type JobVerb = keyof typeof jobTransitions;

export function canTransition(verb: JobVerb, from: JobState): boolean {
  return (jobTransitions[verb].from as readonly JobState[]).includes(from);
}

/** The run's status while its job is in a state: waiting jobs show as queued runs. */
export function runStatusFor(state: JobState): RunStatus {
  switch (state) {
    case "queued":
    case "assigned":
      return "queued";
    default:
      return state;
  }
}

export const isTerminalJobState = (s: JobState) => s === "succeeded" || s === "failed" || s === "cancelled" || s === "lost";

/** The failure reason kept on the job: the exit and the last lines the command printed. */
export function failureReason({ exitCode, signal, reason, logTail }: { exitCode?: number | null; signal?: string | null; reason?: string; logTail?: string[] }): string {
  const head = reason ?? (signal ? `Killed by ${signal}` : `Exited with code ${exitCode ?? "unknown"}`);
  const tail = (logTail ?? []).slice(-20);
  return tail.length ? `${head}. Last lines:\n${tail.join("\n")}` : head;
}
