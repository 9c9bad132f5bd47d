import type { z } from "zod";
import { TokenResponseBody, type TokenRequestBody } from "../server/http/contracts/auth";
import { JobBody, SnapshotBody, SubmittedJobBody, type SubmitJobBody } from "../server/http/contracts/jobs";
import { ProjectListBody } from "../server/http/contracts/projects";
import { LogsPage } from "../server/http/contracts/tracking";
import { apiRequest, type Endpoint } from "./http/request";
import { wire } from "./http/wire";

export type SubmitJob = z.input<typeof SubmitJobBody>;
export type Job = z.output<typeof JobBody>;
export type Snapshot = z.output<typeof SnapshotBody>;
export type LogPage = z.output<typeof LogsPage>;

const TIMEOUT_MS = 30_000;
const jobBody = wire(JobBody);

const id = encodeURIComponent;

/** What `trainyard launch/status/cancel/login` ask of the server, with a user's personal token. */
export const userApi = {
  createToken: (server: string, body: z.input<typeof TokenRequestBody>) =>
    apiRequest({ server, method: "POST", path: "/api/v1/auth/token", json: body, response: wire(TokenResponseBody), timeoutMs: TIMEOUT_MS }),

  submitJob: (endpoint: Endpoint, projectId: string, body: SubmitJob) =>
    apiRequest({ ...endpoint, method: "POST", path: `/api/v1/projects/${id(projectId)}/jobs`, json: body, response: wire(SubmittedJobBody), timeoutMs: TIMEOUT_MS }),

  getJob: (endpoint: Endpoint, jobId: string) =>
    apiRequest({ ...endpoint, method: "GET", path: `/api/v1/jobs/${id(jobId)}`, response: jobBody, timeoutMs: TIMEOUT_MS }),

  cancelJob: (endpoint: Endpoint, jobId: string) =>
    apiRequest({ ...endpoint, method: "POST", path: `/api/v1/jobs/${id(jobId)}/cancel`, response: jobBody, timeoutMs: TIMEOUT_MS }),

  teamProjects: (endpoint: Endpoint, teamSlug: string) =>
    apiRequest({ ...endpoint, method: "GET", path: `/api/v1/teams/${id(teamSlug)}/projects`, response: wire(ProjectListBody), timeoutMs: TIMEOUT_MS }),

  runLogs: (endpoint: Endpoint, runId: string, after: number) =>
    apiRequest({ ...endpoint, method: "GET", path: `/api/v1/runs/${id(runId)}/logs?after=${after}`, response: wire(LogsPage), timeoutMs: TIMEOUT_MS }),
};

export function runUrl(server: string, projectId: string, runId: string): string {
  return `${server.replace(/\/+$/, "")}/projects/${id(projectId)}/runs/${id(runId)}`;
}
