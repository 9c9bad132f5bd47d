import path from "node:path";
import { errorMessage } from "../http/errors";
import { OutageReporter, retryTransient } from "../http/retry";
import type { Logger } from "../logger";
import { parseGpuList } from "./gpu-list";
import { ExecApi, type ExecSlurm } from "./exec-api";
import { JobRunner } from "./job-runner";
import { findPythonSdk } from "./sdk-path";

export interface ExecOptions {
  server: string;
  /** The attempt's run token, which the scheduler put in the job's environment. */
  token: string;
  jobId: string;
  workDir: string;
  killGraceMs?: number;
  python?: string;
  logger: Logger;
  env?: Record<string, string | undefined>;
}

/** What Slurm tells a batch job about itself, for the job's page. */
export function slurmFromEnv(env: Record<string, string | undefined>): ExecSlurm | undefined {
  if (!env.SLURM_JOB_ID) return undefined;
  return {
    job_id: Number(env.SLURM_JOB_ID),
    ...(env.SLURMD_NODENAME ? { node: env.SLURMD_NODENAME } : {}),
    ...(env.SLURM_JOB_GPUS !== undefined ? { gpus: env.SLURM_JOB_GPUS } : {}),
  };
}

/**
 * The agent's executor in one-shot mode: fetches one job with its run token, runs it exactly as an
 * agent would (JobRunner: code, environment, command, logs and metrics, the end), and resolves with
 * the exit code for the scheduler. On SIGTERM (time limit, preemption, scancel) it stops the command,
 * delivers the output, and leaves the end to the scheduler's account of it.
 */
export async function execOnce(options: ExecOptions): Promise<number> {
  const env = options.env ?? process.env;
  const log = options.logger;
  const api = new ExecApi({ server: options.server, token: options.token, slurm: slurmFromEnv(env) });
  const outage = new OutageReporter(`job ${options.jobId}: fetching`, log);
  const job = await retryTransient(() => api.job(options.jobId), { onRetry: (error) => outage.failed(error) });
  outage.succeeded();
  // The GPUs are the scheduler's choice: keep its numbering for CUDA_VISIBLE_DEVICES.
  const gpus = parseGpuList(env.CUDA_VISIBLE_DEVICES) ?? parseGpuList(env.SLURM_JOB_GPUS) ?? job.gpus;
  log.info(`job ${job.id}: attempt ${job.attempt}${gpus.length ? `, GPUs ${gpus.join(",")}` : ""}: ${job.command}`);
  const runner = new JobRunner(
    { ...job, gpus },
    {
      api,
      logger: log,
      workDir: path.resolve(options.workDir),
      killGraceMs: options.killGraceMs ?? 10_000,
      python: options.python,
      sdkPath: findPythonSdk(),
      env,
    },
  );
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = signal;
    log.warn(`job ${job.id}: ${signal}: stopping the command; the scheduler reports why`);
    runner.leaveEnd(`stopped by the scheduler (${signal})`);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  try {
    await runner.done;
  } catch (error) {
    log.error(`job ${job.id}: ${errorMessage(error)}`);
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
  const report = runner.report;
  if (signalled) return 128 + (signalled === "SIGINT" ? 2 : 15);
  if (!report) return 1;
  if (report.outcome === "succeeded") return 0;
  return typeof report.exit_code === "number" && report.exit_code > 0 ? Math.min(report.exit_code, 255) : 1;
}
