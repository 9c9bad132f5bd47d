import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobs, modelAliases, modelVersions, registeredModels, reproductions, runArtifacts, runs, type LineageNumber, type ModelLineage } from "@/db/schema";
import type { ReproductionVerdict } from "@/db/schema/enums";
import { writeAudit } from "../audit/write-audit";
import type { Actor, ServiceContext } from "../context";
import { isUniqueViolation, notFound, validation } from "../errors";
import { createId } from "../ids";
import { runAccess } from "../tracking/access";
import { runDetails } from "../tracking/runs";
import { ArtifactPath, metricValueToWire } from "../tracking/schemas";
import { enqueueWebhookEvent } from "../webhooks/enqueue";
import { wakeWebhookDelivery } from "../webhooks/wake";
import { modelAccess } from "./access";
import type { VersionFacts } from "./checks";
import { ModelName, ModelRef, RegisterVersionInput, UpdateModelInput, VersionRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
export type ModelVersionRow = typeof modelVersions.$inferSelect;

/**
 * The bytes a version is bound to: one artifact file, or every file under a folder. A folder's
 * sha256 is that of its manifest ("<sha256>  <relative path>" lines, sorted by path), so it changes
 * when any file in it does.
 */
async function resolveArtifact(db: DbOrTx, runId: string, rawPath: string) {
  const parsed = ArtifactPath.safeParse(rawPath.replace(/\/+$/, ""));
  if (!parsed.success) throw validation(parsed.error.issues[0]?.message ?? "invalid artifact path");
  const path = parsed.data;
  const files = await db
    .select({ path: runArtifacts.path, sha256: runArtifacts.sha256, size: runArtifacts.size })
    .from(runArtifacts)
    .where(eq(runArtifacts.runId, runId))
    .orderBy(asc(runArtifacts.path));
  const exact = files.find((f) => f.path === path);
  if (exact) return { path, sha256: exact.sha256, size: exact.size, files: [exact] };
  const under = files.filter((f) => f.path.startsWith(`${path}/`));
  if (under.length === 0) throw validation(`The run has no artifact at "${path}"`);
  const manifest = under.map((f) => `${f.sha256}  ${f.path.slice(path.length + 1)}\n`).join("");
  return {
    path,
    sha256: createHash("sha256").update(manifest).digest("hex"),
    size: under.reduce((sum, f) => sum + f.size, 0),
    files: under,
  };
}

const toLineage = (v: number | null): LineageNumber => (v === null ? null : metricValueToWire(v));
const fromLineage = (v: LineageNumber): number | null => (v === null ? null : typeof v === "number" ? v : v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity);

async function lineageOf(db: DbOrTx, runRow: typeof runs.$inferSelect): Promise<ModelLineage> {
  const [run, [job]] = await Promise.all([
    runDetails(db, runRow),
    db.select({ id: jobs.id }).from(jobs).where(eq(jobs.runId, runRow.id)).limit(1),
  ]);
  return {
    runName: run.name,
    ...(job ? { jobId: job.id } : {}),
    source: run.source,
    ...(run.environment && run.environmentVersionId
      ? { environment: { versionId: run.environmentVersionId, ...run.environment } }
      : {}),
    datasets: run.datasets,
    metrics: run.metrics.map((m) => ({ key: m.key, last: toLineage(m.lastValue), min: toLineage(m.minValue), max: toLineage(m.maxValue), step: m.lastStep })),
  };
}

async function insertVersion(
  ctx: ServiceContext,
  actor: Actor,
  model: typeof registeredModels.$inferSelect,
  teamId: string,
  run: typeof runs.$inferSelect,
  input: { artifactPath: string; description?: string },
) {
  const artifact = await resolveArtifact(ctx.db, run.id, input.artifactPath);
  const lineage = await lineageOf(ctx.db, run);
  const attempt = () =>
    ctx.db.transaction(async (tx) => {
      // The model row serialises numbering: two registrations at once get 1 and 2, never 1 twice.
      await tx.select({ id: registeredModels.id }).from(registeredModels).where(eq(registeredModels.id, model.id)).for("update");
      const [{ latest }] = (await tx
        .select({ latest: max(modelVersions.version) })
        .from(modelVersions)
        .where(eq(modelVersions.modelId, model.id))) as [{ latest: number | null }];
      const [row] = await tx
        .insert(modelVersions)
        .values({
          id: createId("mv"),
          modelId: model.id,
          projectId: model.projectId,
          version: (latest ?? 0) + 1,
          runId: run.id,
          artifactPath: artifact.path,
          artifactSha256: artifact.sha256,
          artifactSize: artifact.size,
          description: input.description ?? "",
          lineage,
          createdBy: actor.userId,
        })
        .returning();
      await tx.update(registeredModels).set({ updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
      await writeAudit(tx, actor, {
        teamId,
        projectId: model.projectId,
        action: "model.version.create",
        targetType: "model_version",
        targetId: row!.id,
        data: { model: model.name, version: row!.version, runId: run.id, artifactPath: artifact.path, sha256: artifact.sha256 },
      });
      await enqueueWebhookEvent(tx, model.projectId, "model_version.created", {
        model: { id: model.id, name: model.name },
        version: versionToEvent(row!),
      });
      return row!;
    });
  let row: ModelVersionRow;
  try {
    row = await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    row = await attempt();
  }
  // Committed: the queued model_version.created can go now rather than at the loop's next tick.
  wakeWebhookDelivery();
  return row;
}

export function versionToEvent(v: ModelVersionRow) {
  return { id: v.id, version: v.version, run_id: v.runId, artifact_path: v.artifactPath, artifact_sha256: v.artifactSha256 };
}

/** Registers a run's artifact (a file or a folder) as the model's next version. */
export async function registerVersion({ ctx, input }: Verb<RegisterVersionInput>) {
  const data = RegisterVersionInput.parse(input);
  const { model, project, actor } = await modelAccess(ctx, data.modelId, "models:write");
  const { run } = await runAccess(ctx, data.runId, "team:read");
  if (run.projectId !== model.projectId) throw validation("The run belongs to another project than the model");
  return insertVersion(ctx, actor, model, project.teamId, run, data);
}

/**
 * Registers an artifact of a run under a model named within the run's project, creating the model
 * on first use. This is what `run.register_model(name, path)` calls, so a job's own token may use
 * it for its own run.
 */
export async function registerFromRun({ ctx, input }: Verb<{ runId: string; modelName: string; artifactPath: string; description?: string }>) {
  const name = ModelName.parse(input.modelName);
  const { run, project, actor } = await runAccess(ctx, input.runId, "models:write");
  await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(registeredModels)
      .values({ id: createId("mdl"), projectId: project.id, name, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await writeAudit(tx, actor, {
        teamId: project.teamId,
        projectId: project.id,
        action: "model.create",
        targetType: "model",
        targetId: created.id,
        data: { name },
      });
    }
  });
  const [model] = await ctx.db
    .select()
    .from(registeredModels)
    .where(and(eq(registeredModels.projectId, project.id), eq(registeredModels.name, name)));
  return { model: model!, version: await insertVersion(ctx, actor, model!, project.teamId, run, input) };
}

/** Edits what a version says about itself; its bytes and lineage never change. */
export async function updateVersion({ ctx, input }: Verb<VersionRef & { description?: string; tags?: Record<string, string> }>) {
  const data = VersionRef.parse(input);
  const description = input.description === undefined ? undefined : UpdateModelInput.shape.description.parse(input.description);
  const { model, project, actor } = await modelAccess(ctx, data.modelId, "models:write");
  const row = await versionRow(ctx.db, model.id, data.version);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(modelVersions)
      .set({ ...(description !== undefined ? { description } : {}), ...(input.tags ? { tags: { ...row.tags, ...input.tags } } : {}) })
      .where(eq(modelVersions.id, row.id))
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "model_version.update",
      targetType: "model_version",
      targetId: row.id,
      data: { version: row.version, description: description !== undefined, tags: input.tags ? Object.keys(input.tags) : undefined },
    });
    return updated!;
  });
}

export async function listVersions({ ctx, input }: Verb<ModelRef>) {
  const { model } = await modelAccess(ctx, ModelRef.parse(input).modelId, "team:read");
  const [rows, aliases] = await Promise.all([
    ctx.db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(desc(modelVersions.version)),
    ctx.db.select().from(modelAliases).where(eq(modelAliases.modelId, model.id)),
  ]);
  return rows.map((v) => ({ ...v, aliases: aliases.filter((a) => a.versionId === v.id).map((a) => a.alias).sort() }));
}

export async function versionRow(db: DbOrTx, modelId: string, version: number): Promise<ModelVersionRow> {
  const [row] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.version, version)));
  if (!row) throw notFound(`Version ${version}`);
  return row;
}

export async function getVersion({ ctx, input }: Verb<VersionRef>) {
  const data = VersionRef.parse(input);
  const { model } = await modelAccess(ctx, data.modelId, "team:read");
  const row = await versionRow(ctx.db, model.id, data.version);
  const [facts] = await versionFacts(ctx.db, [row]);
  const aliases = await ctx.db.select({ alias: modelAliases.alias }).from(modelAliases).where(eq(modelAliases.versionId, row.id));
  return { ...row, model: { id: model.id, name: model.name }, runStatus: facts!.runStatus, reproduction: facts!.reproduction, aliases: aliases.map((a) => a.alias).sort() };
}

const verdictRank: Record<ReproductionVerdict, number> = { reproduced: 3, diverged: 2, not_comparable: 1, pending: 0 };

/** What the promotion checks look at, for each version, in one round trip per table. */
export async function versionFacts(db: DbOrTx, versions: ModelVersionRow[]): Promise<VersionFacts[]> {
  const runIds = versions.flatMap((v) => (v.runId ? [v.runId] : []));
  const [runRows, verdicts] = runIds.length
    ? await Promise.all([
        db.select({ id: runs.id, status: runs.status }).from(runs).where(inArray(runs.id, runIds)),
        db.select({ of: reproductions.ofRunId, verdict: reproductions.verdict }).from(reproductions).where(inArray(reproductions.ofRunId, runIds)),
      ])
    : [[], []];
  return versions.map((v) => {
    const best = verdicts
      .filter((r) => r.of === v.runId)
      .map((r) => r.verdict)
      .sort((a, b) => verdictRank[b] - verdictRank[a])[0];
    return {
      version: v.version,
      metrics: v.lineage.metrics.map((m) => ({ key: m.key, last: fromLineage(m.last), min: fromLineage(m.min), max: fromLineage(m.max) })),
      runStatus: runRows.find((r) => r.id === v.runId)?.status ?? null,
      environment: v.lineage.environment ?? null,
      reproduction: best ?? null,
    };
  });
}
