import { OutageReporter, pause } from "../http/retry";
import type { Logger } from "../logger";
import type { GpuUsage } from "../nvidia-smi";
import type { AgentApi, Heartbeat } from "./agent-api";
import { toWireSamples, type HostInfo, type WireGpus } from "./host-info";

export interface HeartbeatLoopOptions {
  api: AgentApi;
  intervalMs: number;
  host: HostInfo;
  gpus: WireGpus;
  runningJobs: () => string[];
  onCancel: (jobIds: string[]) => void;
  sampleGpus: () => Promise<GpuUsage[]>;
  logger: Logger;
}

export function heartbeatBody(options: Pick<HeartbeatLoopOptions, "host" | "gpus">, running: string[], samples?: GpuUsage[]): Heartbeat {
  // Host and GPUs go every time: cheap, and a server that lost its state (a fresh database) catches up.
  return { host: options.host, gpus: options.gpus, running_jobs: running, ...(samples ? { gpu_samples: toWireSamples(samples) } : {}) };
}

/** Tells the server every `intervalMs` that the agent lives and what it runs; hands back cancel requests. */
export class HeartbeatLoop {
  private readonly stopper = new AbortController();
  private readonly loop: Promise<void>;
  private readonly outage: OutageReporter;

  constructor(private readonly options: HeartbeatLoopOptions) {
    this.outage = new OutageReporter("heartbeat", options.logger);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopper;
    while (!signal.aborted) {
      const began = Date.now();
      await this.beat(signal);
      await pause(Math.max(0, this.options.intervalMs - (Date.now() - began)), signal);
    }
  }

  private async beat(signal: AbortSignal): Promise<void> {
    const running = this.options.runningJobs();
    try {
      const samples = running.length > 0 && this.options.gpus.length > 0 ? await this.options.sampleGpus() : undefined;
      const answer = await this.options.api.heartbeat(heartbeatBody(this.options, running, samples), signal);
      this.outage.succeeded();
      if (answer.cancel.length > 0) this.options.onCancel(answer.cancel);
    } catch (error) {
      if (signal.aborted) return;
      this.outage.failed(error);
    }
  }
}
