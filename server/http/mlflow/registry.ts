import { z } from "zod";
import { versionSource } from "../../mlflow/artifact-uris";
import { activeProjectIds } from "../../mlflow/experiments";
import {
  createRegisteredModel,
  loadModelViews,
  loadVersionViews,
  modelByName,
  modelForRun,
  parseModelSource,
  type ModelView,
  type VersionView,
} from "../../mlflow/models";
import { searchLimits } from "../../mlflow/search-paging";
import { searchModelVersions, searchRegisteredModels } from "../../mlflow/search-sql";
import { deleteAlias, resolveAlias, setAlias } from "../../registry/aliases";
import { deleteModel, updateModel } from "../../registry/models";
import { registerVersion, updateVersion, versionRow } from "../../registry/versions";
import type { ServiceContext } from "../../context";
import { endpoint } from "./endpoint";
import { invalidParameter } from "./errors";
import { Int64, KeyValue, ms, omitDefaults, Repeated, tagList, tagRecord } from "./wire";


export function versionToWire(view: VersionView) {
  const v = view.version;
  return omitDefaults({
    name: view.modelName,
    version: String(v.version),
    creation_timestamp: ms(v.createdAt),
    last_updated_timestamp: ms(v.createdAt),
    user_id: view.userId,
    current_stage: "None",
    description: v.description,
    source: versionSource(v),
    run_id: v.runId ?? undefined,
    status: "READY",
    tags: tagList(v.tags),
    aliases: view.aliases,
  });
}

export function modelToWire(view: ModelView) {
  const m = view.model;
  return omitDefaults({
    name: m.name,
    creation_timestamp: ms(m.createdAt),
    last_updated_timestamp: ms(m.updatedAt),
    user_id: view.userId,
    description: m.description,
    latest_versions: view.latest ? [versionToWire(view.latest)] : [],
    tags: tagList(m.tags),
    aliases: view.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  });
}

const Name = z.object({ name: z.string() });
const VersionNumber = z.union([Int64, z.string().regex(/^\d+$/).transform(Number)]);

async function modelWire(ctx: ServiceContext, modelId: string) {
  return modelToWire((await loadModelViews(ctx.db, [modelId]))[0]!);
}
async function versionWire(ctx: ServiceContext, versionId: string) {
  return versionToWire((await loadVersionViews(ctx.db, [versionId]))[0]!);
}
async function versionOf(ctx: ServiceContext, name: string, version: number) {
  const model = await modelByName(ctx, name);
  return versionRow(ctx.db, model.id, version);
}

export const registryEndpoints = {
  "registered-models/create": endpoint({
    methods: ["POST"],
    input: Name.extend({ tags: Repeated(KeyValue), description: z.string().optional() }),
    handler: async ({ ctx, input }) => {
      const model = await createRegisteredModel(ctx, { name: input.name, description: input.description, tags: tagRecord(input.tags) });
      return { registered_model: await modelWire(ctx, model.id) };
    },
  }),
  "registered-models/get": endpoint({
    methods: ["GET"],
    input: Name,
    handler: async ({ ctx, input }) => ({ registered_model: await modelWire(ctx, (await modelByName(ctx, input.name)).id) }),
  }),
  "registered-models/search": endpoint({
    methods: ["GET", "POST"],
    input: z.object({
      filter: z.string().optional(),
      max_results: Int64.optional().default(searchLimits.registered_models.default),
      order_by: Repeated(z.string()),
      page_token: z.string().optional(),
    }),
    handler: async ({ ctx, input }) => {
      const found = await searchRegisteredModels(ctx.db, {
        projectIds: await activeProjectIds(ctx),
        filter: input.filter,
        orderBy: input.order_by,
        maxResults: input.max_results,
        pageToken: input.page_token,
      });
      const views = await loadModelViews(ctx.db, found.modelIds);
      return { registered_models: views.map(modelToWire), next_page_token: found.nextPageToken };
    },
  }),
  "registered-models/update": endpoint({
    methods: ["PATCH"],
    input: Name.extend({ description: z.string().optional() }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      if (input.description !== undefined) await updateModel({ ctx, input: { modelId: model.id, description: input.description } });
      return { registered_model: await modelWire(ctx, model.id) };
    },
  }),
  "registered-models/delete": endpoint({
    methods: ["DELETE"],
    input: Name,
    handler: async ({ ctx, input }) => {
      await deleteModel({ ctx, input: { modelId: (await modelByName(ctx, input.name)).id } });
      return {};
    },
  }),
  "registered-models/set-tag": endpoint({
    methods: ["POST"],
    input: Name.extend({ key: z.string(), value: z.string().optional().default("") }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      await updateModel({ ctx, input: { modelId: model.id, tags: { ...model.tags, [input.key]: input.value } } });
      return {};
    },
  }),
  "registered-models/get-latest-versions": endpoint({
    methods: ["GET", "POST"],
    input: Name.extend({ stages: Repeated(z.string()) }),
    handler: async ({ ctx, input }) => {
      const [view] = await loadModelViews(ctx.db, [(await modelByName(ctx, input.name)).id]);
      // Trainyard has aliases, not stages: every version is in MLflow's "None" stage.
      const wantsNone = input.stages.length === 0 || input.stages.some((s) => s.toLowerCase() === "none");
      return { model_versions: view?.latest && wantsNone ? [versionToWire(view.latest)] : [] };
    },
  }),
  "GET registered-models/alias": endpoint({
    methods: ["GET"],
    input: Name.extend({ alias: z.string() }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      const { version } = await resolveAlias({ ctx, input: { modelId: model.id, alias: input.alias } });
      return { model_version: await versionWire(ctx, version.id) };
    },
  }),
  "POST registered-models/alias": endpoint({
    methods: ["POST"],
    input: Name.extend({ alias: z.string(), version: VersionNumber }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      await setAlias({ ctx, input: { modelId: model.id, alias: input.alias, version: input.version } });
      return {};
    },
  }),
  "DELETE registered-models/alias": endpoint({
    methods: ["DELETE"],
    input: Name.extend({ alias: z.string() }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      await deleteAlias({ ctx, input: { modelId: model.id, alias: input.alias } });
      return {};
    },
  }),
  "model-versions/create": endpoint({
    methods: ["POST"],
    input: Name.extend({
      source: z.string(),
      run_id: z.string().optional(),
      tags: Repeated(KeyValue),
      run_link: z.string().optional(),
      description: z.string().optional(),
    }),
    handler: async ({ ctx, input }) => {
      const source = parseModelSource(input.source, input.run_id || undefined);
      if (input.run_id && input.run_id !== source.runId) {
        throw invalidParameter(`The source '${input.source}' is not an artifact of run ${input.run_id}`);
      }
      const model = await modelForRun(ctx, await modelByName(ctx, input.name), source.runId);
      const version = await registerVersion({
        ctx,
        input: { modelId: model.id, runId: source.runId, artifactPath: source.artifactPath, description: input.description },
      });
      const tags = tagRecord(input.tags);
      if (Object.keys(tags).length > 0) await updateVersion({ ctx, input: { modelId: model.id, version: version.version, tags } });
      return { model_version: await versionWire(ctx, version.id) };
    },
  }),
  "model-versions/get": endpoint({
    methods: ["GET"],
    input: Name.extend({ version: VersionNumber }),
    handler: async ({ ctx, input }) => ({ model_version: await versionWire(ctx, (await versionOf(ctx, input.name, input.version)).id) }),
  }),
  "model-versions/update": endpoint({
    methods: ["PATCH"],
    input: Name.extend({ version: VersionNumber, description: z.string().optional() }),
    handler: async ({ ctx, input }) => {
      const model = await modelByName(ctx, input.name);
      const row = await updateVersion({ ctx, input: { modelId: model.id, version: input.version, description: input.description } });
      return { model_version: await versionWire(ctx, row.id) };
    },
  }),
  "model-versions/search": endpoint({
    methods: ["GET", "POST"],
    input: z.object({
      filter: z.string().optional(),
      max_results: Int64.optional().default(searchLimits.model_versions.default),
      order_by: Repeated(z.string()),
      page_token: z.string().optional(),
    }),
    handler: async ({ ctx, input }) => {
      const found = await searchModelVersions(ctx.db, {
        projectIds: await activeProjectIds(ctx),
        filter: input.filter,
        orderBy: input.order_by,
        maxResults: input.max_results,
        pageToken: input.page_token,
      });
      const views = await loadVersionViews(ctx.db, found.versionIds);
      return { model_versions: views.map(versionToWire), next_page_token: found.nextPageToken };
    },
  }),
  "model-versions/get-download-uri": endpoint({
    methods: ["GET"],
    input: Name.extend({ version: VersionNumber }),
    handler: async ({ ctx, input }) => ({ artifact_uri: versionSource(await versionOf(ctx, input.name, input.version)) }),
  }),
  // MLflow 3 clients look for logged models while listing or downloading artifacts; Trainyard keeps
  // models in the registry, so there are none to find.
  "logged-models/search": endpoint({
    methods: ["POST", "GET"],
    input: z.object({}).passthrough(),
    handler: async () => ({ models: [] }),
  }),
};
