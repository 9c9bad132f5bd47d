import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aliasHistory, modelAliases, modelVersions, registeredModels, users } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { Actor, ServiceContext } from "../context";
import { forbidden, notFound } from "../errors";
import { modelAccess } from "./access";
import { effectivePolicy } from "./policies";
import { AliasRef, ModelRef, SetAliasInput } from "./schemas";
import { versionRow, type ModelVersionRow } from "./versions";

type Verb<I> = { ctx: ServiceContext; input: I };

/** Locks the model row: every alias move and promotion of one model happens one at a time. */
export async function lockModel(tx: DbOrTx, modelId: string) {
  await tx.select({ id: registeredModels.id }).from(registeredModels).where(eq(registeredModels.id, modelId)).for("update");
}

export async function currentHolder(tx: DbOrTx, modelId: string, alias: string): Promise<ModelVersionRow | null> {
  const [row] = await tx
    .select({ version: modelVersions })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, modelId), eq(modelAliases.alias, alias)));
  return row?.version ?? null;
}

/**
 * Points an alias at a version (or removes it when `to` is null) and records the move. The caller
 * holds the model's lock (lockModel) inside its transaction.
 */
export async function moveAlias(
  tx: DbOrTx,
  actor: Actor,
  move: { teamId: string; model: typeof registeredModels.$inferSelect; alias: string; to: ModelVersionRow | null; promotionId?: string },
) {
  const from = await currentHolder(tx, move.model.id, move.alias);
  if (move.to) {
    await tx
      .insert(modelAliases)
      .values({ modelId: move.model.id, alias: move.alias, projectId: move.model.projectId, versionId: move.to.id, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: [modelAliases.modelId, modelAliases.alias],
        set: { versionId: move.to.id, updatedBy: actor.userId, updatedAt: new Date() },
      });
  } else {
    await tx.delete(modelAliases).where(and(eq(modelAliases.modelId, move.model.id), eq(modelAliases.alias, move.alias)));
  }
  await tx.insert(aliasHistory).values({
    projectId: move.model.projectId,
    modelId: move.model.id,
    alias: move.alias,
    fromVersionId: from?.id ?? null,
    toVersionId: move.to?.id ?? null,
    actorUserId: actor.userId,
    promotionId: move.promotionId ?? null,
  });
  await writeAudit(tx, actor, {
    teamId: move.teamId,
    projectId: move.model.projectId,
    action: "model.alias.move",
    targetType: "model",
    targetId: move.model.id,
    data: { alias: move.alias, from: from?.version ?? null, to: move.to?.version ?? null, promotionId: move.promotionId ?? null },
  });
  return from;
}

async function refuseProtected(db: DbOrTx, projectId: string, alias: string) {
  const policy = await effectivePolicy(db, projectId, alias);
  if (policy.protected) {
    throw forbidden(`The alias "${alias}" is protected by a promotion policy: open a promotion request to move it`);
  }
}

/** Moves an unprotected alias directly (the MLflow API's set-alias); protected ones need review. */
export async function setAlias({ ctx, input }: Verb<{ modelId: string; alias: string; version: number }>) {
  const data = SetAliasInput.parse(input);
  const { model, team, actor } = await modelAccess(ctx, data.modelId, "models:write");
  await refuseProtected(ctx.db, model.projectId, data.alias);
  return ctx.db.transaction(async (tx) => {
    await lockModel(tx, model.id);
    const to = await versionRow(tx, model.id, data.version);
    await moveAlias(tx, actor, { teamId: team.id, model, alias: data.alias, to });
    return { alias: data.alias, version: to.version };
  });
}

export async function deleteAlias({ ctx, input }: Verb<AliasRef>) {
  const data = AliasRef.parse(input);
  const { model, team, actor } = await modelAccess(ctx, data.modelId, "models:write");
  await refuseProtected(ctx.db, model.projectId, data.alias);
  return ctx.db.transaction(async (tx) => {
    await lockModel(tx, model.id);
    if (!(await currentHolder(tx, model.id, data.alias))) throw notFound(`Alias "${data.alias}"`);
    await moveAlias(tx, actor, { teamId: team.id, model, alias: data.alias, to: null });
    return { alias: data.alias };
  });
}

/** What an alias points at now, with where its bytes are: what a serving system asks. */
export async function resolveAlias({ ctx, input }: Verb<AliasRef>) {
  const data = AliasRef.parse(input);
  const { model } = await modelAccess(ctx, data.modelId, "team:read");
  const version = await currentHolder(ctx.db, model.id, data.alias);
  if (!version) throw notFound(`Alias "${data.alias}"`);
  return { model, alias: data.alias, version };
}

/** Every move of the model's aliases, newest first. */
export async function listAliasHistory({ ctx, input }: Verb<ModelRef & { alias?: string }>) {
  const { model } = await modelAccess(ctx, ModelRef.parse(input).modelId, "team:read");
  const rows = await ctx.db
    .select({ entry: aliasHistory, actor: { id: users.id, name: users.name, email: users.email } })
    .from(aliasHistory)
    .leftJoin(users, eq(users.id, aliasHistory.actorUserId))
    .where(and(eq(aliasHistory.modelId, model.id), input.alias ? eq(aliasHistory.alias, input.alias) : undefined))
    .orderBy(desc(aliasHistory.id))
    .limit(500);
  const versions = await ctx.db
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(eq(modelVersions.modelId, model.id));
  const numberOf = (id: string | null) => (id ? (versions.find((v) => v.id === id)?.version ?? null) : null);
  return rows.map(({ entry, actor }) => ({
    id: entry.id,
    alias: entry.alias,
    fromVersion: numberOf(entry.fromVersionId),
    toVersion: numberOf(entry.toVersionId),
    promotionId: entry.promotionId,
    actor: actor?.id ? actor : null,
    createdAt: entry.createdAt,
  }));
}

/** The model's aliases now. */
export async function listAliases({ ctx, input }: Verb<ModelRef>) {
  const { model } = await modelAccess(ctx, ModelRef.parse(input).modelId, "team:read");
  return ctx.db
    .select({ alias: modelAliases.alias, version: modelVersions.version, versionId: modelVersions.id, updatedAt: modelAliases.updatedAt })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(eq(modelAliases.modelId, model.id));
}
