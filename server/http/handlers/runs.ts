import { createRun, getRun, listRuns, logDatasets, logParams, setTags, updateRun, type RunDetails } from "../../tracking/runs";
import { metricValueToWire } from "../../tracking/schemas";
import {
  CreateRunBody,
  DatasetsBody,
  ParamsBody,
  ProjectIdParams,
  RunBody,
  RunIdParams,
  RunListBody,
  TagsBody,
  UpdateRunBody,
} from "../contracts/tracking";
import { restRoute } from "../route";

const num = (v: number | null) => (v === null ? null : metricValueToWire(v));

export function runToWire(r: RunDetails) {
  return {
    id: r.id,
    project_id: r.projectId,
    name: r.name,
    status: r.status,
    created_by: r.creator,
    started_at: r.startedAt,
    ended_at: r.endedAt,
    source: { git_url: r.source.gitUrl, commit: r.source.commit, dirty_sha256: r.source.dirtySha256, snapshot_sha256: r.source.snapshotSha256 },
    environment_version_id: r.environmentVersionId,
    notes: r.notes,
    params: r.params,
    tags: r.tags,
    metrics: r.metrics.map((m) => ({
      key: m.key,
      count: m.count,
      last: num(m.lastValue),
      last_step: m.lastStep,
      last_timestamp: m.lastTimestamp,
      min: num(m.minValue),
      max: num(m.maxValue),
    })),
    datasets: r.datasets,
    reproduction: r.reproduction,
  };
}

export const createRunRoute = restRoute({
  name: "POST /projects/{projectId}/runs",
  auth: "required",
  params: ProjectIdParams,
  body: CreateRunBody,
  response: RunBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const run = await createRun({ ctx, input: { projectId: params.projectId, ...body } });
    return runToWire(await getRun({ ctx, input: { runId: run.id } }));
  },
});

export const listRunsRoute = restRoute({
  name: "GET /projects/{projectId}/runs",
  auth: "required",
  params: ProjectIdParams,
  response: RunListBody,
  handler: async ({ ctx, params }) => ({
    runs: (await listRuns({ ctx, input: { projectId: params.projectId } })).map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      started_at: r.startedAt,
      ended_at: r.endedAt,
      params: r.params,
      tags: r.tags,
    })),
  }),
});

export const getRunRoute = restRoute({
  name: "GET /runs/{runId}",
  auth: "required",
  params: RunIdParams,
  response: RunBody,
  handler: async ({ ctx, params }) => runToWire(await getRun({ ctx, input: params })),
});

export const updateRunRoute = restRoute({
  name: "PATCH /runs/{runId}",
  auth: "required",
  params: RunIdParams,
  body: UpdateRunBody,
  response: RunBody,
  handler: async ({ ctx, params, body }) => runToWire(await updateRun({ ctx, input: { ...params, ...body } })),
});

export const logParamsRoute = restRoute({
  name: "POST /runs/{runId}/params",
  auth: "required",
  params: RunIdParams,
  body: ParamsBody,
  response: ParamsBody,
  handler: ({ ctx, params, body }) => logParams({ ctx, input: { ...params, params: body.params } }),
});

export const setTagsRoute = restRoute({
  name: "POST /runs/{runId}/tags",
  auth: "required",
  params: RunIdParams,
  body: TagsBody,
  response: TagsBody,
  handler: ({ ctx, params, body }) => setTags({ ctx, input: { ...params, tags: body.tags } }),
});

export const logDatasetsRoute = restRoute({
  name: "POST /runs/{runId}/datasets",
  auth: "required",
  params: RunIdParams,
  body: DatasetsBody,
  response: DatasetsBody,
  handler: ({ ctx, params, body }) => logDatasets({ ctx, input: { ...params, datasets: body.datasets } }),
});
