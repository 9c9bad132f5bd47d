import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets, jobAttempts, jobs, type SlurmConfig, type SlurmJobInfo, type SlurmStatus } from "@/db/schema";
import { activeJobStates } from "@/db/schema/enums";
import { clusterPatch, readCluster, restdFor, unreachablePatch } from "../compute/slurm/cluster";
import { parseGres } from "../compute/slurm/inventory";
import { type RestdClient, SlurmError, type SlurmJob, type SubmitRequest } from "../compute/slurm/restd";
import type { Logger } from "../logger";
import { issueRunToken } from "../tokens/tokens";
import type { JobRow } from "./access";
import { loseJob } from "./lifecycle";
import { moveJob } from "./move";
import { afterJobEnded } from "./reproduce";
import { notifyQueueChanged, queueChangedOrTimeout } from "./signal";
import { isTerminalJobState } from "./transitions";

// The Slurm side of the job lifecycle. A job placed on a Slurm target is assigned here (not claimed
// by an agent), submitted as a batch job that runs `trainyard exec`, and followed by polling
// slurmrestd. The executor reports start and exit itself, like an agent; this loop ends the jobs
// Slurm ends (time limit, node failure, preemption, cancel) with Slurm's reason, through moveJob.

type TargetRow = typeof computeTargets.$inferSelect;

export interface DispatchOptions {
  serverSecret: string;
  /** Where batch jobs reach this server. */
  serverUrl: string;
  log: Logger;
}

/** Slurm job states after which the batch job runs no more. */
const ENDED = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY"]);
/** How many queued jobs one pass submits per target. */
const SUBMIT_WINDOW = 16;

export const slurmJobName = (job: Pick<JobRow, "id" | "attempt">) => `trainyard-${job.id}-${job.attempt}`;

/** GPU indices of a running batch job, from `gres_detail` ("gpu:fake:1(IDX:0)"). */
export function gpusOf(job: Pick<SlurmJob, "gres_detail">): number[] {
  return job.gres_detail.flatMap((d) => parseGres(d).flatMap((g) => g.indices));
}

/** Why Slurm ended a batch job, for the job's failure reason. */
export function endReason(job: Pick<SlurmJob, "job_id" | "job_state" | "state_reason" | "exit_code">): string {
  const what = `Slurm batch job ${job.job_id}`;
  const reason = job.state_reason && job.state_reason !== "None" ? ` (${job.state_reason})` : "";
  const raw = job.exit_code ?? 0;
  switch (job.job_state) {
    case "TIMEOUT":
      return `${what} reached its time limit and was stopped by Slurm (TIMEOUT)`;
    case "NODE_FAIL":
      return `${what} ended: its node failed (NODE_FAIL)${reason}`;
    case "PREEMPTED":
      return `${what} was preempted by Slurm (PREEMPTED)`;
    case "BOOT_FAIL":
      return `${what} ended: its node failed to boot (BOOT_FAIL)`;
    case "DEADLINE":
      return `${what} ended: deadline reached (DEADLINE)`;
    case "OUT_OF_MEMORY":
      return `${what} ran out of memory (OUT_OF_MEMORY)`;
    case "CANCELLED":
      return `${what} was cancelled in Slurm, not through Trainyard (CANCELLED)${reason}`;
    case "FAILED":
      // exit_code is the raw wait status: exit 3 reads 768.
      return `${what} failed with exit code ${raw >> 8}${raw & 0x7f ? ` (signal ${raw & 0x7f})` : ""} before trainyard exec reported an end; see trainyard-slurm-${job.job_id}.out in the target's working directory${reason}`;
    default:
      return `${what} ended as ${job.job_state} without trainyard exec reporting an end${reason}`;
  }
}

/** The GRES request for the job's GPUs, typed when a GPU model names one of the cluster's types. */
export function gresFor(resources: JobRow["resources"], status: SlurmStatus | null): string | null {
  if (!resources.gpus) return null;
  if (!resources.gpuModel) return `gpu:${resources.gpus}`;
  const wanted = resources.gpuModel.toLowerCase();
  const types = new Set((status?.nodes ?? []).flatMap((n) => n.gpus.map((g) => g.type)));
  const type = [...types].find((t) => t.toLowerCase() === wanted) ?? [...types].find((t) => t.toLowerCase().includes(wanted)) ?? resources.gpuModel;
  return `gpu:${type}:${resources.gpus}`;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The batch job for one attempt: resources, the run's token in its environment, and `trainyard exec`. */
export function batchRequest({ job, config, status, runToken, serverUrl }: { job: JobRow; config: SlurmConfig; status: SlurmStatus | null; runToken: string; serverUrl: string }): SubmitRequest {
  const r = job.resources;
  const gres = gresFor(r, status);
  return {
    job: {
      name: slurmJobName(job),
      partition: config.partition,
      ...(config.account ? { account: config.account } : {}),
      ...(config.qos ? { qos: config.qos } : {}),
      current_working_directory: config.workDir,
      standard_output: `${config.workDir}/trainyard-slurm-%j.out`,
      environment: {
        PATH: "/usr/local/bin:/usr/bin:/bin",
        LANG: "C.UTF-8",
        TRAINYARD_URL: serverUrl,
        TRAINYARD_TOKEN: runToken,
        TRAINYARD_JOB_ID: job.id,
      },
      ...(gres ? { gres } : {}),
      ...(r.timeLimitMinutes ? { time_limit: r.timeLimitMinutes } : {}),
      ...(r.cpus ? { cpus_per_task: Math.ceil(r.cpus) } : {}),
      ...(r.memoryMb ? { memory_per_node: r.memoryMb } : {}),
    },
    script: `#!/bin/sh\n# Trainyard job ${job.id}, attempt ${job.attempt}\nexec ${config.execCommand} exec --job ${shellQuote(job.id)} --work-dir ${shellQuote(config.workDir)}\n`,
  };
}

/** Updates the current attempt's Slurm info; a job that moved on to another attempt is left alone. */
async function recordSlurm(db: DbOrTx, job: JobRow, info: SlurmJobInfo, allocatedGpus?: number[]) {
  await db
    .update(jobs)
    .set({ slurm: info, ...(allocatedGpus ? { allocatedGpus } : {}) })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempt, job.attempt)));
  if (info.jobId !== undefined && info.jobId !== job.slurm?.jobId) {
    await db
      .update(jobAttempts)
      .set({ slurmJobId: info.jobId, ...(allocatedGpus ? { gpus: allocatedGpus } : {}) })
      .where(and(eq(jobAttempts.jobId, job.id), eq(jobAttempts.attempt, job.attempt)));
  } else if (allocatedGpus) {
    await db.update(jobAttempts).set({ gpus: allocatedGpus }).where(and(eq(jobAttempts.jobId, job.id), eq(jobAttempts.attempt, job.attempt)));
  }
}

/** Ends a job whose batch job Slurm ended without the executor's report; retried while retries remain. */
async function endBySlurm(db: DbOrTx, job: JobRow, reason: string, exitCode: number | null, info: SlurmJobInfo) {
  const ended = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, job.id)).for("update");
    if (!current || current.attempt !== job.attempt || !(activeJobStates as readonly string[]).includes(current.state)) return null;
    const row = { ...current, slurm: info };
    await tx.update(jobs).set({ slurm: info }).where(eq(jobs.id, job.id));
    if (row.cancelRequestedAt) return moveJob(tx, row, "cancel", { reason: `Cancelled; Slurm batch job ${info.jobId ?? "?"} stopped` });
    if (row.attempt <= row.maxRetries) return loseJob(tx, row, reason);
    return moveJob(tx, row, "fail", { patch: { failureReason: reason, exitCode }, reason, data: { slurmJobId: info.jobId } });
  });
  if (!ended) return;
  notifyQueueChanged();
  if (isTerminalJobState(ended.state)) await afterJobEnded(db, ended.runId);
}

/** Issues the attempt's run token and submits its batch job; a job Slurm refuses fails with Slurm's words. */
async function submit(db: DbOrTx, client: RestdClient, target: TargetRow, job: JobRow, opts: DispatchOptions) {
  const info: SlurmJobInfo = { ...(job.slurm ?? {}), name: slurmJobName(job) };
  if (!job.createdBy) return;
  const runToken = await db.transaction((tx) => issueRunToken(tx, { userId: job.createdBy!, runId: job.runId, jobId: job.id, attempt: job.attempt }));
  try {
    const jobId = await client.submit(batchRequest({ job, config: target.slurm!, status: target.slurmStatus, runToken, serverUrl: opts.serverUrl }));
    const { submitError: _e, ...rest } = info;
    await recordSlurm(db, job, { ...rest, jobId, partition: target.slurm!.partition, state: "PENDING" });
    opts.log.info({ jobId: job.id, slurmJobId: jobId, target: target.name }, "submitted to Slurm");
  } catch (error) {
    if (!(error instanceof SlurmError)) throw error;
    if (error.kind === "refused") {
      await endBySlurmRefusal(db, job, `Slurm refused the batch job: ${error.message}`);
    } else {
      // Unreachable or refused credentials: the job waits, assigned, and is submitted again next pass.
      await recordSlurm(db, job, { ...info, submitError: error.message });
    }
  }
}

async function endBySlurmRefusal(db: DbOrTx, job: JobRow, reason: string) {
  const ended = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, job.id)).for("update");
    if (!current || current.attempt !== job.attempt || !(activeJobStates as readonly string[]).includes(current.state)) return null;
    return moveJob(tx, current, "fail", { patch: { failureReason: reason }, reason });
  });
  if (ended) {
    notifyQueueChanged();
    await afterJobEnded(db, ended.runId);
  }
}

/** Follows the target's assigned and running jobs in Slurm's job list. */
async function reconcile(db: DbOrTx, client: RestdClient, target: TargetRow, slurmJobs: SlurmJob[], opts: DispatchOptions) {
  const active = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.assignedTargetId, target.id), inArray(jobs.state, [...activeJobStates])));
  const byId = new Map(slurmJobs.map((j) => [j.job_id, j]));
  const byName = new Map(slurmJobs.map((j) => [j.name, j]));
  for (const job of active) {
    const info: SlurmJobInfo = job.slurm ?? { name: slurmJobName(job) };
    // A submit whose answer was lost is found again by the batch job's name.
    const sj = info.jobId !== undefined ? byId.get(info.jobId) : byName.get(info.name);
    if (!sj) {
      if (info.jobId !== undefined) {
        await endBySlurm(db, job, `Slurm no longer knows batch job ${info.jobId} (slurmctld lost it)`, null, info);
      } else if (job.cancelRequestedAt) {
        await endBySlurm(db, job, "Cancelled before Slurm had it", null, info);
      } else {
        await submit(db, client, target, job, opts);
      }
      continue;
    }
    const gpus = gpusOf(sj);
    const next: SlurmJobInfo = {
      ...info,
      jobId: sj.job_id,
      partition: sj.partition || info.partition,
      node: sj.nodes || info.node,
      state: sj.job_state,
      reason: sj.state_reason && sj.state_reason !== "None" ? sj.state_reason : undefined,
      ...(gpus.length && !info.gpus ? { gpus: gpus.join(",") } : {}),
    };
    if (job.cancelRequestedAt && !ENDED.has(sj.job_state) && !info.cancelSent) {
      try {
        await client.cancel(sj.job_id);
        next.cancelSent = true;
      } catch (error) {
        if (!(error instanceof SlurmError)) throw error;
        opts.log.warn({ jobId: job.id, slurmJobId: sj.job_id, err: error.message }, "could not cancel the Slurm job; trying again");
      }
    }
    if (ENDED.has(sj.job_state)) {
      await endBySlurm(db, job, endReason(sj), sj.exit_code === null ? null : sj.exit_code >> 8, next);
      continue;
    }
    if (JSON.stringify(next) !== JSON.stringify(info) || (gpus.length && job.allocatedGpus.length === 0)) {
      await recordSlurm(db, job, next, gpus.length && job.allocatedGpus.length === 0 ? gpus : undefined);
    }
  }
}

/** Assigns the target's queued jobs (those that named it) and submits them, best first. */
async function dispatchQueued(db: DbOrTx, client: RestdClient, target: TargetRow, opts: DispatchOptions) {
  const queued = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.state, "queued"), eq(jobs.targetId, target.id), isNull(jobs.cancelRequestedAt)))
    .orderBy(desc(jobs.priority), asc(jobs.createdAt))
    .limit(SUBMIT_WINDOW);
  for (const { id } of queued) {
    const assigned = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, id), eq(jobs.state, "queued")))
        .for("update", { skipLocked: true });
      if (!job) return null;
      if (!job.createdBy) {
        await moveJob(tx, job, "cancel", { reason: "The account that submitted this job no longer exists" });
        return null;
      }
      return moveJob(tx, job, "assign", {
        patch: { assignedTargetId: target.id, allocatedGpus: [], assignedAt: new Date(), slurm: { name: slurmJobName(job) } },
        data: { target: target.name, slurm: true },
      });
    });
    if (assigned) await submit(db, client, target, assigned, opts);
  }
}

/**
 * One pass over one Slurm target: read its health and inventory, follow its jobs, submit queued
 * ones. While slurmrestd cannot be read the target is offline and its jobs wait: none is lost.
 */
export async function syncSlurmTarget(db: DbOrTx, target: TargetRow, opts: DispatchOptions) {
  let client: RestdClient;
  let status: SlurmStatus;
  let slurmJobs: SlurmJob[];
  try {
    client = restdFor(target, opts.serverSecret);
    status = await readCluster(client, target.slurm!);
    slurmJobs = await client.jobs();
  } catch (error) {
    if (!(error instanceof SlurmError)) throw error;
    if (target.slurmStatus?.reachable !== false || target.slurmStatus.error !== error.message) {
      opts.log.warn({ target: target.name, err: error.message }, "Slurm target unreachable");
    }
    await db.update(computeTargets).set(unreachablePatch(target.slurmStatus, error)).where(eq(computeTargets.id, target.id));
    return;
  }
  const patch = clusterPatch(status, target.slurm!);
  await db.update(computeTargets).set(patch).where(eq(computeTargets.id, target.id));
  const fresh = { ...target, ...patch };
  await reconcile(db, client, fresh, slurmJobs, opts);
  await dispatchQueued(db, client, fresh, opts);
}

/** One pass over every Slurm target. */
export async function dispatchSlurm(db: DbOrTx, opts: DispatchOptions) {
  const targets = await db.select().from(computeTargets).where(eq(computeTargets.kind, "slurm"));
  for (const target of targets) {
    await syncSlurmTarget(db, target, opts).catch((error: unknown) => opts.log.error({ err: error, target: target.name }, "Slurm dispatch failed"));
  }
}

/** Runs dispatchSlurm in the server process: every intervalMs, and soon after the queue changes. */
export function startSlurmDispatcher(db: DbOrTx, opts: DispatchOptions, intervalMs = 2000): () => void {
  const stop = new AbortController();
  void (async () => {
    while (!stop.signal.aborted) {
      const started = Date.now();
      await dispatchSlurm(db, opts).catch((error: unknown) => opts.log.error({ err: error }, "Slurm dispatch failed"));
      // Woken early by submits and cancels, but never more often than every 250 ms.
      await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - started))).unref());
      await queueChangedOrTimeout(intervalMs, stop.signal);
    }
  })();
  return () => stop.abort();
}
