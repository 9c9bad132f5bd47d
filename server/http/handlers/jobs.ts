import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { env } from "../../env";
import { validation } from "../../errors";
import { cancelJob } from "../../jobs/lifecycle";
import { getJob, listJobs, type JobDetails } from "../../jobs/read";
import { openRunCode, uploadSnapshot } from "../../jobs/snapshots";
import { rerunJob, submitJob } from "../../jobs/submit";
import { JobBody, JobIdParams, JobListBody, SnapshotBody, SubmitJobBody, SubmittedJobBody } from "../contracts/jobs";
import { ProjectIdParams, RunIdParams } from "../contracts/tracking";
import { rawRoute, restRoute } from "../route";

export function codeToWire(code: JobDetails["code"]) {
  if (code.kind === "git") return { kind: "git" as const, git: code.git, ref: code.ref, commit: code.commit ?? null };
  if (code.kind === "snapshot") return { kind: "snapshot" as const, snapshot_id: code.snapshotId, sha256: code.sha256 };
  return { kind: "none" as const };
}

export function jobToWire(j: JobDetails) {
  return {
    id: j.id,
    run_id: j.runId,
    project_id: j.projectId,
    state: j.state,
    command: j.command,
    resources: {
      gpus: j.resources.gpus,
      gpu_model: j.resources.gpuModel ?? null,
      cpus: j.resources.cpus ?? null,
      memory_mb: j.resources.memoryMb ?? null,
      time_limit_minutes: j.resources.timeLimitMinutes ?? null,
    },
    code: codeToWire(j.code),
    environment: j.environment,
    target: j.target,
    labels: j.labels,
    assigned_target: j.assignedTarget,
    allocated_gpus: j.allocatedGpus,
    priority: j.priority,
    max_retries: j.maxRetries,
    attempt: j.attempt,
    attempts: j.attempts.map((a) => ({
      attempt: a.attempt,
      target_id: a.targetId,
      target_name: a.targetName,
      gpus: a.gpus,
      state: a.state,
      exit_code: a.exitCode,
      reason: a.reason,
      slurm_job_id: a.slurmJobId,
      started_at: a.startedAt,
      ended_at: a.endedAt,
    })),
    pending_reason: j.pendingReason,
    slurm: j.slurm
      ? {
          job_id: j.slurm.jobId ?? null,
          name: j.slurm.name,
          partition: j.slurm.partition ?? null,
          node: j.slurm.node ?? null,
          gpus: j.slurm.gpus ?? null,
          state: j.slurm.state ?? null,
          reason: j.slurm.reason ?? null,
          submit_error: j.slurm.submitError ?? null,
        }
      : null,
    failure_reason: j.failureReason,
    exit_code: j.exitCode,
    cancel_requested: j.cancelRequestedAt !== null,
    created_at: j.createdAt,
    assigned_at: j.assignedAt,
    started_at: j.startedAt,
    ended_at: j.endedAt,
  };
}

export const submitJobRoute = restRoute({
  name: "POST /projects/{projectId}/jobs",
  auth: "required",
  params: ProjectIdParams,
  body: SubmitJobBody,
  response: SubmittedJobBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const job = await submitJob({
      ctx,
      input: {
        projectId: params.projectId,
        command: body.command,
        name: body.name,
        resources: body.resources && {
          gpus: body.resources.gpus,
          gpuModel: body.resources.gpu_model,
          cpus: body.resources.cpus,
          memoryMb: body.resources.memory_mb,
          timeLimitMinutes: body.resources.time_limit_minutes,
        },
        environment: body.environment,
        params: body.params,
        code:
          body.code &&
          ("git" in body.code
            ? { git: body.code.git, ref: body.code.ref }
            : { snapshotId: body.code.snapshot_id, gitUrl: body.code.git_url, commit: body.code.commit, dirtySha256: body.code.dirty_sha256 }),
        target: body.target,
        labels: body.labels,
        priority: body.priority,
        maxRetries: body.max_retries,
      },
    });
    return { id: job.id, run_id: job.runId };
  },
});

export const listJobsRoute = restRoute({
  name: "GET /projects/{projectId}/jobs",
  auth: "required",
  params: ProjectIdParams,
  response: JobListBody,
  handler: async ({ ctx, params }) => ({ jobs: (await listJobs({ ctx, input: { projectId: params.projectId } })).map(jobToWire) }),
});

export const getJobRoute = restRoute({
  name: "GET /jobs/{jobId}",
  auth: "required",
  params: JobIdParams,
  response: JobBody,
  handler: async ({ ctx, params }) => jobToWire(await getJob({ ctx, input: params })),
});

export const cancelJobRoute = restRoute({
  name: "POST /jobs/{jobId}/cancel",
  auth: "required",
  params: JobIdParams,
  response: JobBody,
  handler: async ({ ctx, params }) => {
    await cancelJob({ ctx, input: params });
    return jobToWire(await getJob({ ctx, input: params }));
  },
});

export const rerunJobRoute = restRoute({
  name: "POST /jobs/{jobId}/rerun",
  auth: "required",
  params: JobIdParams,
  response: SubmittedJobBody,
  status: 201,
  handler: async ({ ctx, params }) => {
    const job = await rerunJob({ ctx, input: params });
    return { id: job.id, run_id: job.runId };
  },
});

export const uploadSnapshotRoute = rawRoute({
  name: "POST /projects/{projectId}/code-snapshots",
  params: ProjectIdParams,
  contract: { body: "binary", response: SnapshotBody, status: 201 },
  handler: async ({ ctx, rt, params, request }) => {
    if (!request.body) throw validation("The snapshot's gzip tarball is the request body");
    const stored = await uploadSnapshot({
      ctx,
      input: params,
      body: Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      blobs: rt.blobs,
      maxBytes: env().TRAINYARD_MAX_SNAPSHOT_BYTES,
    });
    return Response.json(SnapshotBody.parse({ id: stored.id, sha256: stored.sha256, size: stored.size }), { status: 201 });
  },
});

export const runCodeRoute = rawRoute({
  name: "GET /runs/{runId}/code",
  params: RunIdParams,
  contract: { response: "binary", status: 200 },
  handler: async ({ ctx, rt, params }) => {
    const code = await openRunCode({ ctx, input: params, blobs: rt.blobs });
    return new Response(Readable.toWeb(code.stream) as ReadableStream, {
      headers: { "content-type": "application/gzip", etag: `"${code.sha256}"` },
    });
  },
});
