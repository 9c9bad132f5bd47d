import { and, asc, desc, eq, max } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { environments, environmentVersions } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { ServiceContext } from "../context";
import { isUniqueViolation, notFound, validation } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { canonicalize, digestOf, parseSpec, specToYaml, unpinnedItems } from "./canonical";
import { EnvironmentRef, EnvironmentSelector, SaveEnvironmentInput } from "./schemas";
import type { EnvironmentSpec } from "./spec-schema";

type Verb<I> = { ctx: ServiceContext; input: I };
type VersionRow = typeof environmentVersions.$inferSelect;

function versionView(row: VersionRow, name: string) {
  // jsonb keeps its own key order; canonicalising again (idempotent) restores the fixed one.
  const spec = canonicalize(row.spec as EnvironmentSpec);
  return { ...row, name, spec, specYaml: specToYaml(spec) };
}
export type EnvironmentVersionView = ReturnType<typeof versionView>;

/**
 * Saves a spec as the next version of a project's environment (creating the environment on first
 * save). The canonical spec's digest is the version's identity: saving a spec equal to an existing
 * version returns that version (created: false) instead of adding one.
 */
export async function saveEnvironment({ ctx, input }: Verb<SaveEnvironmentInput>) {
  const { project, actor } = await projectAccess(ctx, SaveEnvironmentInput.shape.projectId.parse(input.projectId), "runs:write");
  const data = SaveEnvironmentInput.parse(input);
  const spec = canonicalize(parseSpec(data.spec));
  const digest = digestOf(spec);
  const unpinned = unpinnedItems(spec);
  const attempt = () =>
    ctx.db.transaction(async (tx) => {
      await tx.insert(environments).values({ id: createId("env"), projectId: project.id, name: data.name, createdBy: actor.userId }).onConflictDoNothing();
      const [env] = await tx
        .select()
        .from(environments)
        .where(and(eq(environments.projectId, project.id), eq(environments.name, data.name)))
        .for("update");
      const [existing] = await tx
        .select()
        .from(environmentVersions)
        .where(and(eq(environmentVersions.environmentId, env!.id), eq(environmentVersions.digest, digest)));
      if (existing) return { ...versionView(existing, env!.name), created: false };
      const [{ latest }] = (await tx
        .select({ latest: max(environmentVersions.version) })
        .from(environmentVersions)
        .where(eq(environmentVersions.environmentId, env!.id))) as [{ latest: number | null }];
      const [row] = await tx
        .insert(environmentVersions)
        .values({
          id: createId("envv"),
          environmentId: env!.id,
          projectId: project.id,
          version: (latest ?? 0) + 1,
          digest,
          spec,
          pinned: unpinned.length === 0,
          unpinned,
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, actor, {
        teamId: project.teamId,
        projectId: project.id,
        action: "environment.version",
        targetType: "environment",
        targetId: env!.id,
        data: { name: env!.name, version: row!.version, digest },
      });
      return { ...versionView(row!, env!.name), created: true };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two saves of a new environment or version at once: the loser reads the winner's row.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/** A project's environments, each with its latest version. */
export async function listEnvironments({ ctx, input }: Verb<{ projectId: string }>) {
  const { project } = await projectAccess(ctx, input.projectId, "team:read");
  const envs = await ctx.db.select().from(environments).where(eq(environments.projectId, project.id)).orderBy(asc(environments.name));
  const versions = await ctx.db
    .select()
    .from(environmentVersions)
    .where(eq(environmentVersions.projectId, project.id))
    .orderBy(desc(environmentVersions.version));
  return envs.map((env) => {
    const mine = versions.filter((v) => v.environmentId === env.id);
    return { ...env, versionCount: mine.length, latest: mine[0] ? versionView(mine[0], env.name) : null };
  });
}

/** Every version of one environment, newest first. */
export async function listVersions({ ctx, input }: Verb<EnvironmentRef>) {
  const data = EnvironmentRef.parse(input);
  const { project } = await projectAccess(ctx, data.projectId, "team:read");
  const [env] = await ctx.db
    .select()
    .from(environments)
    .where(and(eq(environments.projectId, project.id), eq(environments.name, data.name)));
  if (!env) throw notFound(`Environment "${data.name}"`);
  const rows = await ctx.db
    .select()
    .from(environmentVersions)
    .where(eq(environmentVersions.environmentId, env.id))
    .orderBy(desc(environmentVersions.version));
  return rows.map((r) => versionView(r, env.name));
}

/**
 * The version a job names within its project: `name` (latest), `name@N`, or a digest. The caller
 * has checked access to the project.
 */
export async function resolveEnvironment(db: DbOrTx, projectId: string, selector: string): Promise<EnvironmentVersionView> {
  const parsed = EnvironmentSelector.safeParse(selector);
  if (!parsed.success) throw validation(parsed.error.issues[0]?.message ?? "invalid environment");
  const sel = parsed.data;
  const digest = /^(sha256:)?([0-9a-f]{64})$/.exec(sel)?.[2];
  const [name, version] = sel.split("@") as [string, string | undefined];
  const rows = await db
    .select({ version: environmentVersions, name: environments.name })
    .from(environmentVersions)
    .innerJoin(environments, eq(environments.id, environmentVersions.environmentId))
    .where(
      and(
        eq(environmentVersions.projectId, projectId),
        digest ? eq(environmentVersions.digest, digest) : eq(environments.name, name),
        !digest && version ? eq(environmentVersions.version, Number(version)) : undefined,
      ),
    )
    .orderBy(desc(environmentVersions.version))
    .limit(1);
  if (!rows[0]) throw validation(`No environment ${sel} in this project`);
  return versionView(rows[0].version, rows[0].name);
}

/** One version by id (for a job's or run's environment). */
export async function environmentVersion(db: DbOrTx, versionId: string): Promise<EnvironmentVersionView | null> {
  const [row] = await db
    .select({ version: environmentVersions, name: environments.name })
    .from(environmentVersions)
    .innerJoin(environments, eq(environments.id, environmentVersions.environmentId))
    .where(eq(environmentVersions.id, versionId));
  return row ? versionView(row.version, row.name) : null;
}
