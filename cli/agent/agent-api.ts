import type { z } from "zod";
import { type HeartbeatBody, HeartbeatResult } from "../../server/http/contracts/compute";
import {
  AgentJobResult,
  ClaimResult,
  type ClaimedJobBody,
  type JobFinishedBody,
  type JobStartedBody,
} from "../../server/http/contracts/jobs";
import { apiRequest, type Endpoint } from "../http/request";
import { wire } from "../http/wire";

export type ClaimedJob = z.output<typeof ClaimedJobBody>;
export type Heartbeat = z.input<typeof HeartbeatBody>;
export type HeartbeatAnswer = z.output<typeof HeartbeatResult>;
export type JobStarted = z.input<typeof JobStartedBody>;
export type JobFinished = z.input<typeof JobFinishedBody>;
export type JobAnswer = z.output<typeof AgentJobResult>;

const REQUEST_TIMEOUT_MS = 15_000;
/** How long the server may hold a claim open (it caps this at 25 s). */
export const CLAIM_WAIT_MS = 20_000;

const heartbeatResult = wire(HeartbeatResult);
const claimResult = wire(ClaimResult);
const jobResult = wire(AgentJobResult);

/** Where a JobRunner reports its job's start and end: the agent's API, or the executor's (exec-api.ts). */
export interface JobReporter {
  readonly server: string;
  started(jobId: string, body: JobStarted, signal?: AbortSignal): Promise<JobAnswer>;
  finished(jobId: string, body: JobFinished, signal?: AbortSignal): Promise<JobAnswer>;
}

/** The agent's side of /api/v1/agent, authenticated with the target's agent token. */
export class AgentApi implements JobReporter {
  constructor(private readonly endpoint: Required<Endpoint>) {}

  get server(): string {
    return this.endpoint.server;
  }

  heartbeat(body: Heartbeat, signal?: AbortSignal): Promise<HeartbeatAnswer> {
    return apiRequest({ ...this.endpoint, method: "POST", path: "/api/v1/agent/heartbeat", json: body, response: heartbeatResult, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }

  async claim(waitMs: number, signal?: AbortSignal): Promise<ClaimedJob | null> {
    const answer = await apiRequest({
      ...this.endpoint,
      method: "POST",
      path: "/api/v1/agent/claim",
      json: { wait_ms: waitMs },
      response: claimResult,
      // The server holds the request open for up to waitMs; allow for that and then some.
      timeoutMs: waitMs + REQUEST_TIMEOUT_MS,
      signal,
    });
    return answer.job;
  }

  started(jobId: string, body: JobStarted, signal?: AbortSignal): Promise<JobAnswer> {
    return apiRequest({ ...this.endpoint, method: "POST", path: `/api/v1/agent/jobs/${encodeURIComponent(jobId)}/started`, json: body, response: jobResult, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }

  finished(jobId: string, body: JobFinished, signal?: AbortSignal): Promise<JobAnswer> {
    return apiRequest({ ...this.endpoint, method: "POST", path: `/api/v1/agent/jobs/${encodeURIComponent(jobId)}/finished`, json: body, response: jobResult, timeoutMs: REQUEST_TIMEOUT_MS, signal });
  }
}
