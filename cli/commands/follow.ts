import { terminalJobStates } from "../../db/schema/enums";
import { errorMessage, isRetryable } from "../http/errors";
import { backoffDelay, pause } from "../http/retry";
import type { Endpoint } from "../http/request";
import { userApi, type Job } from "../user-api";

const POLL_MS = 1_000;
const terminal = new Set<string>(terminalJobStates);

/**
 * Prints the run's log lines as they arrive (stdout to stdout, stderr to stderr) until the job ends,
 * and returns the job as it ended. A server that goes away for a while is waited for.
 */
export async function followJob(endpoint: Endpoint, jobId: string, runId: string, signal?: AbortSignal): Promise<Job> {
  let after = 0;
  let failures = 0;
  let lastState = "";
  for (;;) {
    try {
      const job = await userApi.getJob(endpoint, jobId);
      if (job.state !== lastState) {
        lastState = job.state;
        const detail = job.state === "queued" && job.pending_reason ? ` (${job.pending_reason})` : "";
        process.stderr.write(`job ${job.id}: ${job.state}${detail}\n`);
      }
      // Read the logs after the state: once the job has ended, this catches every line it wrote.
      after = await printNewLines(endpoint, runId, after);
      failures = 0;
      if (terminal.has(job.state)) return job;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (failures === 0) process.stderr.write(`${errorMessage(error)}; retrying\n`);
      await pause(backoffDelay(failures++), signal);
      continue;
    }
    await pause(POLL_MS, signal);
    if (signal?.aborted) throw signal.reason;
  }
}

async function printNewLines(endpoint: Endpoint, runId: string, after: number): Promise<number> {
  for (;;) {
    const page = await userApi.runLogs(endpoint, runId, after);
    for (const line of page.lines) (line.stream === "stderr" ? process.stderr : process.stdout).write(`${line.text}\n`);
    if (page.lines.length === 0 || page.next_after <= after) return after;
    after = page.next_after;
  }
}
