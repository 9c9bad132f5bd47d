import { mkdir } from "node:fs/promises";
import path from "node:path";
import { errorMessage } from "../http/errors";
import { OutageReporter, retryTransient } from "../http/retry";
import { stderrLogger, type Logger } from "../logger";
import { detectGpus, sampleGpus, type DetectedGpu, type GpuUsage } from "../nvidia-smi";
import { AgentApi, CLAIM_WAIT_MS, type ClaimedJob } from "./agent-api";
import { ClaimLoop } from "./claim-loop";
import { heartbeatBody, HeartbeatLoop } from "./heartbeat-loop";
import { hostInfo, toWireGpus } from "./host-info";
import { JobRunner } from "./job-runner";
import { findPythonSdk } from "./sdk-path";

export interface AgentOptions {
  server: string;
  /** The compute target's agent token (tya_…). */
  token: string;
  workDir: string;
  maxJobs?: number;
  heartbeatMs?: number;
  killGraceMs?: number;
  /** An interpreter whose folder jobs get first on PATH. */
  python?: string;
  logger?: Logger;
  claimWaitMs?: number;
  /** sdk/python to put on jobs' PYTHONPATH; found beside the CLI when left out, none when null. */
  sdkPath?: string | null;
  detectGpus?: () => Promise<DetectedGpu[]>;
  sampleGpus?: () => Promise<GpuUsage[]>;
}

export interface RunningAgent {
  targetId: string;
  runningJobs(): string[];
  /** Stops claiming, cancels running jobs, delivers their output and reports them; resolves when done. */
  stop(): Promise<void>;
}

/**
 * Registers this host with the server (first heartbeat), then claims and runs jobs until stopped.
 * Rejects only when the server refuses the agent outright (a bad token); an unreachable server is
 * waited for.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const logger = options.logger ?? stderrLogger;
  const maxJobs = options.maxJobs ?? 4;
  const api = new AgentApi({ server: options.server, token: options.token });
  const workDir = path.resolve(options.workDir);
  await mkdir(path.join(workDir, "jobs"), { recursive: true });

  const gpus = toWireGpus(await (options.detectGpus ?? detectGpus)());
  const host = hostInfo();
  const outage = new OutageReporter("connecting", logger);
  const first = await retryTransient(() => api.heartbeat(heartbeatBody({ host, gpus }, [])), {
    onRetry: (error) => outage.failed(error),
  });
  outage.succeeded();
  const gpuNames = [...new Set(gpus.map((g) => g.name))].join(", ");
  logger.info(`agent for target ${first.target_id} online, ${gpus.length} GPU${gpus.length === 1 ? "" : "s"}${gpuNames ? ` (${gpuNames})` : ""}`);

  const runners = new Map<string, JobRunner>();
  let freed: (() => void)[] = [];
  let stopping: Promise<void> | undefined;
  const runnerOptions = {
    api,
    logger,
    workDir,
    killGraceMs: options.killGraceMs ?? 10_000,
    python: options.python,
    sdkPath: options.sdkPath === undefined ? findPythonSdk() : options.sdkPath,
  };

  const onJob = (job: ClaimedJob) => {
    if (runners.has(job.id)) return;
    logger.info(`job ${job.id}: claimed (attempt ${job.attempt}${job.gpus.length > 0 ? `, GPUs ${job.gpus.join(",")}` : ""}): ${job.command}`);
    const runner = new JobRunner(job, runnerOptions);
    runners.set(job.id, runner);
    if (stopping) runner.cancel("agent stopping");
    void runner.done.then(() => {
      runners.delete(job.id);
      freed.splice(0).forEach((resolve) => resolve());
    });
  };

  const heartbeat = new HeartbeatLoop({
    api,
    intervalMs: options.heartbeatMs ?? 2_000,
    host,
    gpus,
    runningJobs: () => [...runners.keys()],
    onCancel: (ids) => ids.forEach((id) => runners.get(id)?.cancel("cancel requested")),
    sampleGpus: options.sampleGpus ?? sampleGpus,
    logger,
  });
  const claims = new ClaimLoop({
    api,
    maxJobs,
    waitMs: options.claimWaitMs ?? CLAIM_WAIT_MS,
    running: () => runners.size,
    capacityFreed: () => new Promise<void>((resolve) => freed.push(resolve)),
    onJob,
    logger,
  });

  const stop = async () => {
    await claims.stop();
    if (runners.size > 0) logger.info(`stopping: ending ${runners.size} job(s)`);
    for (const runner of runners.values()) runner.cancel("agent stopping");
    await Promise.all([...runners.values()].map((r) => r.done));
    await heartbeat.stop();
    freed = [];
    logger.info("agent stopped");
  };

  return {
    targetId: first.target_id,
    runningJobs: () => [...runners.keys()],
    stop: () => (stopping ??= stop().catch((error: unknown) => logger.error(`stopping: ${errorMessage(error)}`))),
  };
}

export { JobRunner } from "./job-runner";
export { LineSplitter, MAX_LINE_BYTES } from "./line-splitter";
export { parseMetricLine, METRIC_PREFIX } from "./metric-line";
export { Outbox, type OutboxEntry, type Deliver } from "./outbox";
export { OutputBatcher } from "./output-batcher";
export { jobEnv, paramEnvName } from "./job-env";
