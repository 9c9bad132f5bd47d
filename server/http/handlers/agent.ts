import type { JobState } from "@/db/schema/enums";
import type { Claimed } from "../../jobs/claim";
import { waitForJob } from "../../jobs/claim";
import { agentCheckIn, finishJob, startJob } from "../../jobs/lifecycle";
import { authenticateAgent } from "../../compute/targets";
import { unauthorized } from "../../errors";
import type { Runtime } from "../../runtime";
import { HeartbeatBody, HeartbeatResult } from "../contracts/compute";
import { AgentJobResult, ClaimBody, ClaimResult, JobFinishedBody, JobIdParams, JobStartedBody } from "../contracts/jobs";
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

function claimedToWire({ job, runToken, environment }: Claimed) {
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
