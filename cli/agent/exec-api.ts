import type { z } from "zod";
import { AgentJobResult, ClaimedJobBody, type ExecStartedBody } from "../../server/http/contracts/jobs";
import { apiRequest } from "../http/request";
import { wire } from "../http/wire";
import type { ClaimedJob, JobAnswer, JobFinished, JobReporter, JobStarted } from "./agent-api";

const REQUEST_TIMEOUT_MS = 15_000;
const claimedJob = wire(ClaimedJobBody);
const jobResult = wire(AgentJobResult);

export type ExecSlurm = NonNullable<z.input<typeof ExecStartedBody>["slurm"]>;

/**
 * The executor's side of /api/v1/jobs/{id}/exec for a job that a scheduler (Slurm) started:
 * authenticated with the attempt's run token instead of an agent token.
 */
export class ExecApi implements JobReporter {
  constructor(private readonly endpoint: { server: string; token: string; slurm?: ExecSlurm }) {}

  get server(): string {
    return this.endpoint.server;
  }

  job(jobId: string, signal?: AbortSignal): Promise<ClaimedJob> {
    return apiRequest({ ...this.endpoint, method: "GET", path: `/api/v1/jobs/${encodeURIComponent(jobId)}/exec`, response: claimedJob, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }

  started(jobId: string, body: JobStarted, signal?: AbortSignal): Promise<JobAnswer> {
    const json = { ...body, ...(this.endpoint.slurm ? { slurm: this.endpoint.slurm } : {}) };
    return apiRequest({ ...this.endpoint, method: "POST", path: `/api/v1/jobs/${encodeURIComponent(jobId)}/exec/started`, json, response: jobResult, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }

  finished(jobId: string, body: JobFinished, signal?: AbortSignal): Promise<JobAnswer> {
    return apiRequest({ ...this.endpoint, method: "POST", path: `/api/v1/jobs/${encodeURIComponent(jobId)}/exec/finished`, json: body, response: jobResult, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }
}
