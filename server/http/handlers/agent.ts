import type { JobState } from "@/db/schema/enums";
import type { Claimed } from "../../jobs/claim";
import { waitForJob } from "../../jobs/claim";
import { execFinished, execJob, execStarted } from "../../jobs/exec";
import { agentCheckIn, finishJob, startJob } from "../../jobs/lifecycle";
import { authenticateAgent } from "../../compute/targets";
import { unauthorized } from "../../errors";
import type { Runtime } from "../../runtime";
import { HeartbeatBody, HeartbeatResult } from "../contracts/compute";
import { AgentJobResult, ClaimBody, ClaimedJobBody, ClaimResult, ExecStartedBody, JobFinishedBody, JobIdParams, JobStartedBody } from "../contracts/jobs";
import { restRoute } from "../route";
import { codeToWire } from "./jobs";

const jobResult = (job: { id: string; state: JobState; cancelRequestedAt: Date | null }) => ({
  id: job.id,
  state: job.state,
  cancel_requested: job.cancelRequestedAt !== null,
});

// Agents are not users: they authenticate with their compute target's token and act only as it.
async function agentTarget(rt: Runtime, request: Request) {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const target = token ? await authenticateAgent(rt.handle.db, token) : null;
  if (!target) throw unauthorized("Send the compute target's agent token");
  return target;
}

export const agentHeartbeatRoute = restRoute({
  name: "POST /agent/heartbeat",
  auth: "none",
  body: HeartbeatBody,
  response: HeartbeatResult,
  handler: async ({ rt, body, request }) => {
    const target = await agentTarget(rt, request);
    const result = await agentCheckIn({
      db: rt.handle.db,
      target,
      runningJobs: body.running_jobs,
      input: {
        host: body.host && {
          hostname: body.host.hostname,
          os: body.host.os,
          cpus: body.host.cpus,
          memoryMb: body.host.memory_mb,
          agentVersion: body.host.agent_version,
        },
        gpus: body.gpus?.map((g) => ({ index: g.index, uuid: g.uuid, name: g.name, memoryMb: g.memory_mb, driver: g.driver })),
        gpuSamples: body.gpu_samples?.map((s) => ({ index: s.index, utilization: s.utilization, memoryUsedMb: s.memory_used_mb })),
      },
    });
    return { target_id: result.target.id, status: result.target.status, cancel: result.cancel };
  },
});

function claimedToWire({ job, runToken, environment }: Pick<Claimed, "job" | "runToken" | "environment">) {
  return {
    id: job.id,
    run_id: job.runId,
    attempt: job.attempt,
    command: job.command,
    code: codeToWire(job.code),
    environment: environment && { name: environment.name, version: environment.version, digest: environment.digest, spec: environment.spec },
    params: job.params,
    gpus: job.allocatedGpus,
    run_token: runToken,
  };
}

export const agentClaimRoute = restRoute({
  name: "POST /agent/claim",
  auth: "none",
  body: ClaimBody,
  response: ClaimResult,
  handler: async ({ rt, body, request }) => {
    const target = await agentTarget(rt, request);
    const claimed = await waitForJob(rt.handle.db, target, { waitMs: body.wait_ms ?? 0 }, request.signal);
    return { job: claimed ? claimedToWire(claimed) : null };
  },
});

export const agentJobStartedRoute = restRoute({
  name: "POST /agent/jobs/{jobId}/started",
  auth: "none",
  params: JobIdParams,
  body: JobStartedBody,
  response: AgentJobResult,
  handler: async ({ rt, params, body, request }) => {
    const target = await agentTarget(rt, request);
    const job = await startJob({ db: rt.handle.db, target, jobId: params.jobId, input: { pid: body.pid, commit: body.commit, captured: body.environment } });
    return jobResult(job);
  },
});

export const agentJobFinishedRoute = restRoute({
  name: "POST /agent/jobs/{jobId}/finished",
  auth: "none",
  params: JobIdParams,
  body: JobFinishedBody,
  response: AgentJobResult,
  handler: async ({ rt, params, body, request }) => {
    const target = await agentTarget(rt, request);
    const job = await finishJob({
      db: rt.handle.db,
      target,
      jobId: params.jobId,
      input: { outcome: body.outcome, exitCode: body.exit_code, signal: body.signal, reason: body.reason, logTail: body.log_tail },
    });
    return jobResult(job);
  },
});

// `trainyard exec` inside a Slurm batch job: it authenticates with the attempt's run token (from the
// batch job's environment) and reports like an agent does.

export const execJobRoute = restRoute({
  name: "GET /jobs/{jobId}/exec",
  auth: "required",
  params: JobIdParams,
  response: ClaimedJobBody,
  handler: async ({ ctx, params, request }) => {
    const { job, environment } = await execJob({ ctx, input: { jobId: params.jobId } });
    const runToken = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    return claimedToWire({ job, runToken, environment });
  },
});

export const execStartedRoute = restRoute({
  name: "POST /jobs/{jobId}/exec/started",
  auth: "required",
  params: JobIdParams,
  body: ExecStartedBody,
  response: AgentJobResult,
  handler: async ({ ctx, params, body }) => {
    const job = await execStarted({
      ctx,
      input: { jobId: params.jobId, pid: body.pid, commit: body.commit, captured: body.environment },
      slurm: body.slurm && { jobId: body.slurm.job_id, node: body.slurm.node, gpus: body.slurm.gpus },
    });
    return jobResult(job);
  },
});

export const execFinishedRoute = restRoute({
  name: "POST /jobs/{jobId}/exec/finished",
  auth: "required",
  params: JobIdParams,
  body: JobFinishedBody,
  response: AgentJobResult,
  handler: async ({ ctx, params, body }) => {
    const job = await execFinished({
      ctx,
      input: { jobId: params.jobId, outcome: body.outcome, exitCode: body.exit_code, signal: body.signal, reason: body.reason, logTail: body.log_tail },
    });
    return jobResult(job);
  },
});
