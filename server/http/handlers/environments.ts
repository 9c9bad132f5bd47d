import { z } from "zod";
import { saveEnvironment, listEnvironments, listVersions, type EnvironmentVersionView } from "../../environments/environments";
import { EnvironmentSpec } from "../../environments/spec-schema";
import { reproduceRun } from "../../jobs/reproduce";
import { CreateEnvironmentBody, EnvironmentVersionBody, EnvironmentVersionListBody, ProjectEnvParams, ReproduceBody } from "../contracts/environments";
import { ProjectIdParams, RunIdParams } from "../contracts/tracking";
import { Reply, restRoute } from "../route";

const versionToWire = (v: EnvironmentVersionView, created?: boolean) => ({
  id: v.id,
  name: v.name,
  version: v.version,
  digest: v.digest,
  pinned: v.pinned,
  unpinned: v.unpinned,
  spec: v.spec,
  spec_yaml: v.specYaml,
  ...(created === undefined ? {} : { created }),
  created_at: v.createdAt,
});

/** 201 with a new version, 200 with the existing one when the spec is the same. */
export const saveEnvironmentRoute = restRoute({
  name: "POST /projects/{projectId}/environments",
  auth: "required",
  params: ProjectIdParams,
  body: CreateEnvironmentBody,
  bodyLimit: 4 * 1024 * 1024,
  response: EnvironmentVersionBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const saved = await saveEnvironment({ ctx, input: { projectId: params.projectId, name: body.name, spec: body.spec } });
    return new Reply(versionToWire(saved, saved.created), { status: saved.created ? 201 : 200 });
  },
});

export const listEnvironmentsRoute = restRoute({
  name: "GET /projects/{projectId}/environments",
  auth: "required",
  params: ProjectIdParams,
  response: EnvironmentVersionListBody,
  handler: async ({ ctx, params }) => ({
    versions: (await listEnvironments({ ctx, input: params })).flatMap((e) => (e.latest ? [versionToWire(e.latest)] : [])),
  }),
});

export const listVersionsRoute = restRoute({
  name: "GET /projects/{projectId}/environments/{name}/versions",
  auth: "required",
  params: ProjectEnvParams,
  response: EnvironmentVersionListBody,
  handler: async ({ ctx, params }) => ({ versions: (await listVersions({ ctx, input: params })).map((v) => versionToWire(v)) }),
});

/** The published JSON Schema of an environment spec, for editors and CI checks. */
export const environmentSchemaRoute = restRoute({
  name: "GET /environments/schema.json",
  auth: "none",
  response: z.record(z.string(), z.unknown()),
  handler: async () => ({
    ...(z.toJSONSchema(EnvironmentSpec, { io: "input", unrepresentable: "any" }) as Record<string, unknown>),
    title: "Trainyard environment spec",
  }),
});

export const reproduceRoute = restRoute({
  name: "POST /runs/{runId}/reproduce",
  auth: "required",
  params: RunIdParams,
  body: ReproduceBody,
  response: z.object({ job_id: z.string(), run_id: z.string() }).strict(),
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const job = await reproduceRun({ ctx, input: { runId: params.runId, keys: body.keys, tolerance: body.tolerance } });
    return { job_id: job.id, run_id: job.runId };
  },
});
