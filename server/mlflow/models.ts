import { and, count, eq, inArray } from "drizzle-orm";
import { modelAliases, modelVersions, registeredModels, users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { writeAudit } from "../audit/write-audit";
import type { ServiceContext } from "../context";
import { notFound, validation } from "../errors";
import { modelAccess } from "../registry/access";
import { createModel, type ModelRow } from "../registry/models";
import type { ModelVersionRow } from "../registry/versions";
import { runAccess } from "../tracking/access";
import { activeProjectIds, alreadyExists, experimentById } from "./experiments";

// MLflow names registered models across the whole server; ours live in projects. A name is looked
// up among the caller's active projects (it must be unique there). A model created through MLflow
// before it has versions waits in the default experiment's project and moves into the project of
// the run its first version comes from, so `mlflow.register_model("runs:/…", "name")` lands the
// model beside its run.

export async function modelsNamed(ctx: ServiceContext, name: string): Promise<ModelRow[]> {
  const projectIds = await activeProjectIds(ctx);
  if (projectIds.length === 0) return [];
  return ctx.db
    .select()
    .from(registeredModels)
    .where(and(eq(registeredModels.name, name), inArray(registeredModels.projectId, projectIds)));
}

export async function modelByName(ctx: ServiceContext, name: string): Promise<ModelRow> {
  const found = await modelsNamed(ctx, name);
  if (found.length === 0) throw notFound(`Registered Model with name=${name}`);
  if (found.length > 1) {
    throw validation(`Registered model name '${name}' exists in ${found.length} of your projects; rename one of them to use it through the MLflow API`);
  }
  return found[0]!;
}

export async function createRegisteredModel(ctx: ServiceContext, input: { name: string; description?: string; tags?: Record<string, string> }) {
  if ((await modelsNamed(ctx, input.name)).length > 0) throw alreadyExists(`Registered Model (name=${input.name}) already exists.`);
  const { project } = await experimentById(ctx, "0");
  return createModel({ ctx, input: { projectId: project.id, name: input.name, description: input.description, tags: input.tags } });
}

/** Where a version's source points: `runs:/<run>/<path>` or this server's mlflow-artifacts URI of a run. */
export function parseModelSource(source: string, runId?: string): { runId: string; artifactPath: string } {
  const runs = /^runs:\/([^/]+)\/(.+)$/.exec(source);
  if (runs) return { runId: runs[1]!, artifactPath: runs[2]! };
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/[^/]+\/([^/]+)\/artifacts\/(.+)$/.exec(source);
  if (proxied) return { runId: proxied[1]!, artifactPath: proxied[2]! };
  if (runId) {
    const marker = `/${runId}/artifacts/`;
    const at = source.indexOf(marker);
    if (at >= 0) return { runId, artifactPath: source.slice(at + marker.length) };
  }
  throw validation(
    `Unsupported model version source '${source}': use runs:/<run_id>/<path> or the run's mlflow-artifacts URI, for an artifact logged to this server`,
  );
}

/** Moves a model that has no versions yet into the project of the run its first version comes from. */
export async function modelForRun(ctx: ServiceContext, model: ModelRow, runId: string): Promise<ModelRow> {
  const { run, project, actor } = await runAccess(ctx, runId, "models:write");
  if (run.projectId === model.projectId) return model;
  const from = await modelAccess(ctx, model.id, "models:write");
  const [{ n }] = (await ctx.db.select({ n: count() }).from(modelVersions).where(eq(modelVersions.modelId, model.id))) as [{ n: number }];
  if (n > 0) throw validation(`Model '${model.name}' belongs to another project than run ${run.id}; register versions from runs of its project`);
  return ctx.db.transaction(async (tx) => {
    const [moved] = await tx.update(registeredModels).set({ projectId: project.id }).where(eq(registeredModels.id, model.id)).returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "model.move",
      targetType: "model",
      targetId: model.id,
      data: { name: model.name, fromProjectId: from.project.id },
    });
    return moved!;
  });
}

export interface VersionView {
  version: ModelVersionRow;
  modelName: string;
  userId: string;
  aliases: string[];
}

/** Versions with their model's name, creator and aliases, in the order of `versionIds`. */
export async function loadVersionViews(db: DbOrTx, versionIds: string[]): Promise<VersionView[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .select({ version: modelVersions, modelName: registeredModels.name, email: users.email })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .leftJoin(users, eq(users.id, modelVersions.createdBy))
    .where(inArray(modelVersions.id, versionIds));
  const aliases = await db.select().from(modelAliases).where(inArray(modelAliases.versionId, versionIds));
  const byId = new Map(rows.map((r) => [r.version.id, r]));
  return versionIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        version: r.version,
        modelName: r.modelName,
        userId: r.email ?? "",
        aliases: aliases.filter((a) => a.versionId === id).map((a) => a.alias).sort(),
      },
    ];
  });
}

export interface ModelView {
  model: ModelRow;
  userId: string;
  latest: VersionView | null;
  aliases: { alias: string; version: number }[];
}

/** Models with their latest version and aliases, in the order of `modelIds`. */
export async function loadModelViews(db: DbOrTx, modelIds: string[]): Promise<ModelView[]> {
  if (modelIds.length === 0) return [];
  const [models, versions, aliases] = await Promise.all([
    db
      .select({ model: registeredModels, email: users.email })
      .from(registeredModels)
      .leftJoin(users, eq(users.id, registeredModels.createdBy))
      .where(inArray(registeredModels.id, modelIds)),
    db
      .select({ id: modelVersions.id, modelId: modelVersions.modelId, version: modelVersions.version })
      .from(modelVersions)
      .where(inArray(modelVersions.modelId, modelIds)),
    db
      .select({ modelId: modelAliases.modelId, alias: modelAliases.alias, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(inArray(modelAliases.modelId, modelIds)),
  ]);
  const latestIds = new Map<string, { id: string; version: number }>();
  for (const v of versions) {
    const cur = latestIds.get(v.modelId);
    if (!cur || v.version > cur.version) latestIds.set(v.modelId, v);
  }
  const latestViews = new Map((await loadVersionViews(db, [...latestIds.values()].map((v) => v.id))).map((v) => [v.version.modelId, v]));
  const byId = new Map(models.map((m) => [m.model.id, m]));
  return modelIds.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [];
    return [
      {
        model: m.model,
        userId: m.email ?? "",
        latest: latestViews.get(id) ?? null,
        aliases: aliases.filter((a) => a.modelId === id).map(({ alias, version }) => ({ alias, version })).sort((a, b) => a.alias.localeCompare(b.alias)),
      },
    ];
  });
}
