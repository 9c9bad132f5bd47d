import { and, asc, count, eq, max } from "drizzle-orm";
import { modelAliases, modelVersions, registeredModels } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { ServiceContext } from "../context";
import { conflict, isUniqueViolation, notFound } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { modelAccess } from "./access";
import { CreateModelInput, ModelByName, ModelRef, UpdateModelInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
export type ModelRow = typeof registeredModels.$inferSelect;

export async function createModel({ ctx, input }: Verb<CreateModelInput>) {
  const data = CreateModelInput.parse(input);
  const { project, actor } = await projectAccess(ctx, data.projectId, "models:write");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [model] = await tx
        .insert(registeredModels)
        .values({
          id: createId("mdl"),
          projectId: project.id,
          name: data.name,
          description: data.description ?? "",
          tags: data.tags ?? {},
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, actor, {
        teamId: project.teamId,
        projectId: project.id,
        action: "model.create",
        targetType: "model",
        targetId: model!.id,
        data: { name: model!.name },
      });
      return model!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A model named "${data.name}" already exists in this project`);
    throw error;
  }
}

export async function updateModel({ ctx, input }: Verb<UpdateModelInput>) {
  const data = UpdateModelInput.parse(input);
  const { model, project, actor } = await modelAccess(ctx, data.modelId, "models:write");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(registeredModels)
      .set({ ...(data.description !== undefined ? { description: data.description } : {}), ...(data.tags ? { tags: data.tags } : {}) })
      .where(eq(registeredModels.id, model.id))
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "model.update",
      targetType: "model",
      targetId: model.id,
      data: { description: data.description !== undefined, tags: data.tags ? Object.keys(data.tags) : undefined },
    });
    return row!;
  });
}

/** Deleting a model removes its versions, aliases and requests: owners and admins only. */
export async function deleteModel({ ctx, input }: Verb<ModelRef>) {
  const { model, project, actor } = await modelAccess(ctx, ModelRef.parse(input).modelId, "projects:delete");
  await ctx.db.transaction(async (tx) => {
    await tx.delete(registeredModels).where(eq(registeredModels.id, model.id));
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "model.delete",
      targetType: "model",
      targetId: model.id,
      data: { name: model.name },
    });
  });
  return { id: model.id };
}

/** A project's models with their version count, latest version and aliases. */
export async function listModels({ ctx, input }: Verb<{ projectId: string }>) {
  const { project } = await projectAccess(ctx, input.projectId, "team:read");
  const [models, stats, aliases] = await Promise.all([
    ctx.db.select().from(registeredModels).where(eq(registeredModels.projectId, project.id)).orderBy(asc(registeredModels.name)),
    ctx.db
      .select({ modelId: modelVersions.modelId, versions: count(), latest: max(modelVersions.version), updatedAt: max(modelVersions.createdAt) })
      .from(modelVersions)
      .where(eq(modelVersions.projectId, project.id))
      .groupBy(modelVersions.modelId),
    ctx.db
      .select({ modelId: modelAliases.modelId, alias: modelAliases.alias, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(eq(modelAliases.projectId, project.id))
      .orderBy(asc(modelAliases.alias)),
  ]);
  return models.map((m) => {
    const s = stats.find((x) => x.modelId === m.id);
    return {
      ...m,
      versionCount: s?.versions ?? 0,
      latestVersion: s?.latest ?? null,
      lastRegisteredAt: s?.updatedAt ?? null,
      aliases: aliases.filter((a) => a.modelId === m.id).map(({ alias, version }) => ({ alias, version })),
    };
  });
}

export async function getModel({ ctx, input }: Verb<ModelRef>) {
  const { model, project } = await modelAccess(ctx, ModelRef.parse(input).modelId, "team:read");
  return { ...model, project: { id: project.id, name: project.name, teamId: project.teamId } };
}

/** Finds a model by name inside a project (the MLflow layer and the SDK address models by name). */
export async function findModelByName({ ctx, input }: Verb<{ projectId: string; name: string }>) {
  const data = ModelByName.parse(input);
  const { project } = await projectAccess(ctx, data.projectId, "team:read");
  const [model] = await ctx.db
    .select()
    .from(registeredModels)
    .where(and(eq(registeredModels.projectId, project.id), eq(registeredModels.name, data.name)));
  if (!model) throw notFound(`Model "${data.name}"`);
  return model;
}

