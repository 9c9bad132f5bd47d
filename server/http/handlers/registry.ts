import { z } from "zod";
import { listAliases, listAliasHistory, resolveAlias, setAlias, deleteAlias } from "../../registry/aliases";
import { createModel, deleteModel, getModel, listModels, updateModel, type ModelRow } from "../../registry/models";
import { deletePolicy, listPolicies, setPolicy } from "../../registry/policies";
import { getPromotion, listPromotions, reviewQueue } from "../../registry/promotion-reads";
import { applyPromotion, approvePromotion, cancelPromotion, rejectPromotion, requestPromotion } from "../../registry/promotions";
import { getVersion, listVersions, registerFromRun, registerVersion, type ModelVersionRow } from "../../registry/versions";
import {
  AliasBody,
  AliasHistoryBody,
  AliasListBody,
  AliasParams,
  CreateModelBody,
  ModelBody,
  ModelIdParams,
  ModelListBody,
  PolicyBody,
  PolicyListBody,
  PolicyParams,
  PromotionBody,
  PromotionIdParams,
  PromotionListBody,
  PromotionListQuery,
  PutPolicyBody,
  RegisterFromRunBody,
  RegisterVersionBody,
  RequestPromotionBody,
  ReviewBody,
  SetAliasBody,
  UpdateModelBody,
  VersionBody,
  VersionListBody,
  VersionParams,
} from "../contracts/registry";
import { ProjectIdParams, RunIdParams } from "../contracts/tracking";
import { restRoute } from "../route";

type ModelListRow = Awaited<ReturnType<typeof listModels>>[number];

const modelToWire = (m: ModelRow | ModelListRow) => ({
  id: m.id,
  project_id: m.projectId,
  name: m.name,
  description: m.description,
  tags: m.tags,
  ...("versionCount" in m ? { latest_version: m.latestVersion, version_count: m.versionCount, aliases: m.aliases } : {}),
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});

export function versionToWire(v: ModelVersionRow & { aliases?: string[] }) {
  const l = v.lineage;
  return {
    id: v.id,
    model_id: v.modelId,
    version: v.version,
    run_id: v.runId,
    artifact_path: v.artifactPath,
    artifact_sha256: v.artifactSha256,
    artifact_size: v.artifactSize,
    artifact_url: v.runId ? `/api/v1/runs/${v.runId}/artifacts/${v.artifactPath}` : null,
    description: v.description,
    ...(v.aliases ? { aliases: v.aliases } : {}),
    lineage: {
      run_id: v.runId,
      run_name: l.runName,
      job_id: l.jobId ?? null,
      source: {
        git_url: l.source.gitUrl ?? null,
        commit: l.source.commit ?? null,
        dirty_sha256: l.source.dirtySha256 ?? null,
        snapshot_sha256: l.source.snapshotSha256 ?? null,
      },
      environment: l.environment ? { name: l.environment.name, version: l.environment.version, digest: l.environment.digest, pinned: l.environment.pinned } : null,
      datasets: l.datasets,
      metrics: l.metrics,
    },
    created_at: v.createdAt,
  };
}

type Summary = Awaited<ReturnType<typeof listPromotions>>[number];
const summaryToWire = (p: Summary) => ({
  id: p.id,
  project_id: p.projectId,
  model_id: p.modelId,
  model_name: p.modelName,
  version: p.version,
  alias: p.alias,
  state: p.state,
  description: p.description,
  checks: p.checks,
  requested_by: p.requestedBy,
  created_at: p.createdAt,
  closed_at: p.closedAt,
});

async function promotionToWire(ctx: Parameters<typeof getPromotion>[0]["ctx"], promotionId: string) {
  const p = await getPromotion({ ctx, input: { promotionId } });
  return {
    id: p.id,
    project_id: p.projectId,
    model_id: p.modelId,
    model_name: p.model.name,
    version: p.version.version,
    alias: p.alias,
    state: p.state,
    description: p.description,
    checks: p.checks,
    requested_by: p.requestedBy,
    created_at: p.createdAt,
    closed_at: p.closedAt,
    previous_version: p.previousVersion,
    current_version: p.current?.version ?? null,
    required_approvals: p.requiredApprovals,
    approvals: p.approvals,
    protected: p.protected,
    reviews: p.reviews.map((r) => ({ reviewer: r.reviewer, decision: r.decision, comment: r.comment, created_at: r.createdAt })),
  };
}

export const listModelsRoute = restRoute({
  name: "GET /projects/{projectId}/models",
  auth: "required",
  params: ProjectIdParams,
  response: ModelListBody,
  handler: async ({ ctx, params }) => ({ models: (await listModels({ ctx, input: params })).map(modelToWire) }),
});

export const createModelRoute = restRoute({
  name: "POST /projects/{projectId}/models",
  auth: "required",
  params: ProjectIdParams,
  body: CreateModelBody,
  response: ModelBody,
  status: 201,
  handler: async ({ ctx, params, body }) => modelToWire(await createModel({ ctx, input: { projectId: params.projectId, ...body } })),
});

export const getModelRoute = restRoute({
  name: "GET /models/{modelId}",
  auth: "required",
  params: ModelIdParams,
  response: ModelBody,
  handler: async ({ ctx, params }) => modelToWire(await getModel({ ctx, input: params })),
});

export const updateModelRoute = restRoute({
  name: "PATCH /models/{modelId}",
  auth: "required",
  params: ModelIdParams,
  body: UpdateModelBody,
  response: ModelBody,
  handler: async ({ ctx, params, body }) => modelToWire(await updateModel({ ctx, input: { modelId: params.modelId, ...body } })),
});

export const deleteModelRoute = restRoute({
  name: "DELETE /models/{modelId}",
  auth: "required",
  params: ModelIdParams,
  response: z.object({ id: z.string() }).strict(),
  handler: async ({ ctx, params }) => deleteModel({ ctx, input: params }),
});

export const listVersionsRoute = restRoute({
  name: "GET /models/{modelId}/versions",
  auth: "required",
  params: ModelIdParams,
  response: VersionListBody,
  handler: async ({ ctx, params }) => ({ versions: (await listVersions({ ctx, input: params })).map(versionToWire) }),
});

export const registerVersionRoute = restRoute({
  name: "POST /models/{modelId}/versions",
  auth: "required",
  params: ModelIdParams,
  body: RegisterVersionBody,
  response: VersionBody,
  status: 201,
  handler: async ({ ctx, params, body }) =>
    versionToWire(
      await registerVersion({ ctx, input: { modelId: params.modelId, runId: body.run_id, artifactPath: body.artifact_path, description: body.description } }),
    ),
});

export const getVersionRoute = restRoute({
  name: "GET /models/{modelId}/versions/{version}",
  auth: "required",
  params: VersionParams,
  response: VersionBody,
  handler: async ({ ctx, params }) => versionToWire(await getVersion({ ctx, input: params })),
});

export const registerFromRunRoute = restRoute({
  name: "POST /runs/{runId}/models",
  auth: "required",
  params: RunIdParams,
  body: RegisterFromRunBody,
  response: VersionBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const { version } = await registerFromRun({
      ctx,
      input: { runId: params.runId, modelName: body.name, artifactPath: body.artifact_path, description: body.description },
    });
    return versionToWire(version);
  },
});

export const listAliasesRoute = restRoute({
  name: "GET /models/{modelId}/aliases",
  auth: "required",
  params: ModelIdParams,
  response: AliasListBody,
  handler: async ({ ctx, params }) => ({
    aliases: (await listAliases({ ctx, input: params })).map((a) => ({ alias: a.alias, version: a.version, updated_at: a.updatedAt })),
  }),
});

/** What a serving system asks: the version an alias points at and where its bytes are. */
export const resolveAliasRoute = restRoute({
  name: "GET /models/{modelId}/aliases/{alias}",
  auth: "required",
  params: AliasParams,
  response: AliasBody,
  handler: async ({ ctx, params }) => {
    const { model, alias, version } = await resolveAlias({ ctx, input: params });
    return { model_id: model.id, model_name: model.name, alias, version: versionToWire(version) };
  },
});

/** Moves an alias without review; refused (403) for an alias a promotion policy protects. */
export const setAliasRoute = restRoute({
  name: "PUT /models/{modelId}/aliases/{alias}",
  auth: "required",
  params: AliasParams,
  body: SetAliasBody,
  response: AliasBody,
  handler: async ({ ctx, params, body }) => {
    await setAlias({ ctx, input: { ...params, version: body.version } });
    const { model, alias, version } = await resolveAlias({ ctx, input: params });
    return { model_id: model.id, model_name: model.name, alias, version: versionToWire(version) };
  },
});

export const deleteAliasRoute = restRoute({
  name: "DELETE /models/{modelId}/aliases/{alias}",
  auth: "required",
  params: AliasParams,
  response: AliasParams,
  handler: async ({ ctx, params }) => {
    await deleteAlias({ ctx, input: params });
    return params;
  },
});

export const aliasHistoryRoute = restRoute({
  name: "GET /models/{modelId}/alias-history",
  auth: "required",
  params: ModelIdParams,
  response: AliasHistoryBody,
  handler: async ({ ctx, params }) => ({
    history: (await listAliasHistory({ ctx, input: params })).map((e) => ({
      alias: e.alias,
      from_version: e.fromVersion,
      to_version: e.toVersion,
      promotion_id: e.promotionId,
      actor: e.actor,
      created_at: e.createdAt,
    })),
  }),
});

export const listPoliciesRoute = restRoute({
  name: "GET /projects/{projectId}/promotion-policies",
  auth: "required",
  params: ProjectIdParams,
  response: PolicyListBody,
  handler: async ({ ctx, params }) => ({
    policies: (await listPolicies({ ctx, input: params })).map((p) => ({ alias: p.alias, required_approvals: p.requiredApprovals, checks: p.checks })),
  }),
});

export const putPolicyRoute = restRoute({
  name: "PUT /projects/{projectId}/promotion-policies/{alias}",
  auth: "required",
  params: PolicyParams,
  body: PutPolicyBody,
  response: PolicyBody,
  handler: async ({ ctx, params, body }) => {
    const p = await setPolicy({ ctx, input: { ...params, requiredApprovals: body.required_approvals, checks: body.checks } });
    return { alias: p.alias, required_approvals: p.requiredApprovals, checks: p.checks };
  },
});

export const deletePolicyRoute = restRoute({
  name: "DELETE /projects/{projectId}/promotion-policies/{alias}",
  auth: "required",
  params: PolicyParams,
  response: PolicyParams,
  handler: async ({ ctx, params }) => {
    await deletePolicy({ ctx, input: params });
    return params;
  },
});

export const requestPromotionRoute = restRoute({
  name: "POST /models/{modelId}/promotions",
  auth: "required",
  params: ModelIdParams,
  body: RequestPromotionBody,
  response: PromotionBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const p = await requestPromotion({ ctx, input: { modelId: params.modelId, ...body } });
    return promotionToWire(ctx, p.id);
  },
});

export const listModelPromotionsRoute = restRoute({
  name: "GET /models/{modelId}/promotions",
  auth: "required",
  params: ModelIdParams,
  query: PromotionListQuery,
  response: PromotionListBody,
  handler: async ({ ctx, params, query }) => ({
    promotions: (await listPromotions({ ctx, input: { modelId: params.modelId, states: query.state } })).map(summaryToWire),
  }),
});

export const listProjectPromotionsRoute = restRoute({
  name: "GET /projects/{projectId}/promotions",
  auth: "required",
  params: ProjectIdParams,
  query: PromotionListQuery,
  response: PromotionListBody,
  handler: async ({ ctx, params, query }) => ({
    promotions: (await listPromotions({ ctx, input: { projectId: params.projectId, states: query.state } })).map(summaryToWire),
  }),
});

/** Open requests the caller may review, across their teams. */
export const reviewQueueRoute = restRoute({
  name: "GET /promotions/review-queue",
  auth: "required",
  response: PromotionListBody,
  handler: async ({ ctx }) => ({ promotions: (await reviewQueue({ ctx })).map(summaryToWire) }),
});

export const getPromotionRoute = restRoute({
  name: "GET /promotions/{promotionId}",
  auth: "required",
  params: PromotionIdParams,
  response: PromotionBody,
  handler: async ({ ctx, params }) => promotionToWire(ctx, params.promotionId),
});

const decision = (name: string, verb: typeof approvePromotion) =>
  restRoute({
    name,
    auth: "required",
    params: PromotionIdParams,
    body: ReviewBody,
    response: PromotionBody,
    handler: async ({ ctx, params, body }) => {
      await verb({ ctx, input: { promotionId: params.promotionId, comment: body.comment } });
      return promotionToWire(ctx, params.promotionId);
    },
  });

export const approvePromotionRoute = decision("POST /promotions/{promotionId}/approve", approvePromotion);
export const rejectPromotionRoute = decision("POST /promotions/{promotionId}/reject", rejectPromotion);
export const cancelPromotionRoute = decision("POST /promotions/{promotionId}/cancel", cancelPromotion);
export const applyPromotionRoute = decision("POST /promotions/{promotionId}/apply", applyPromotion);
