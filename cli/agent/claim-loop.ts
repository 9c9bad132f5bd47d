import { errorMessage, isRetryable } from "../http/errors";
import { backoffDelay, MAX_DELAY_MS, OutageReporter, pause } from "../http/retry";
import type { Logger } from "../logger";
import type { AgentApi, ClaimedJob } from "./agent-api";

export interface ClaimLoopOptions {
  api: AgentApi;
  maxJobs: number;
  waitMs: number;
  running: () => number;
  /** Resolves when a running job ends, so a full agent claims again only then. */
  capacityFreed: () => Promise<void>;
  onJob: (job: ClaimedJob) => void;
  logger: Logger;
}

/** Long-polls for work while the agent has room for another job. */
export class ClaimLoop {
  private readonly stopper = new AbortController();
  private readonly loop: Promise<void>;
  private readonly outage: OutageReporter;

  constructor(private readonly options: ClaimLoopOptions) {
    this.outage = new OutageReporter("claiming jobs", options.logger);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort(new Error("agent stopping"));
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopper;
    const stopped = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    let failures = 0;
    while (!signal.aborted) {
      if (this.options.running() >= this.options.maxJobs) {
        await Promise.race([this.options.capacityFreed(), stopped]);
        continue;
      }
      try {
        const job = await this.options.api.claim(this.options.waitMs, signal);
        this.outage.succeeded();
        failures = 0;
        // A job the server handed over as we were stopping is still ours: the caller winds it down.
        if (job) this.options.onJob(job);
      } catch (error) {
        if (signal.aborted) return;
        if (isRetryable(error)) this.outage.failed(error);
        else this.options.logger.error(`claiming jobs: ${errorMessage(error)}`);
        const delay = isRetryable(error) ? backoffDelay(failures++) : MAX_DELAY_MS;
        await pause(delay, signal);
      }
    }
  }
}
