import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { projects, teamMembers, teams } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { requireActor } from "../auth/actor";
import type { ServiceContext } from "../context";
import { DomainError, notFound, validation } from "../errors";
import { createProject, updateProject } from "../projects/projects";
import { projectAccess, teamAccess, type ProjectAccess } from "../teams/access";

// An MLflow experiment is a Trainyard project. Its name is the project's name inside the caller's
// default team (the team they joined first), or "team/project" for any other team they belong to,
// so `mlflow.set_experiment("mnist")` and `MLFLOW_EXPERIMENT_NAME=vision/mnist` both work.

export const DEFAULT_EXPERIMENT_ID = "0";
const DEFAULT_EXPERIMENT_NAME = "Default";
const MAX_NAME = 120;

export type TeamRow = typeof teams.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

export const alreadyExists = (message: string) => new DomainError("CONFLICT", message, { mlflow: "RESOURCE_ALREADY_EXISTS" });

/** The caller's teams, oldest membership first: the first is where bare experiment names live. */
export async function memberTeams(ctx: ServiceContext): Promise<TeamRow[]> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, actor.userId))
    .orderBy(asc(teamMembers.createdAt), asc(teams.slug));
  return rows.map((r) => r.team);
}

async function defaultTeam(ctx: ServiceContext): Promise<TeamRow> {
  const [team] = await memberTeams(ctx);
  if (!team) throw validation("You belong to no team yet: create or join one before logging experiments");
  return team;
}

/** Splits an experiment name into its team (when it names one of the caller's teams) and project name. */
async function placeName(ctx: ServiceContext, name: string): Promise<{ team: TeamRow; projectName: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw validation("Experiment name must be a non-empty string");
  if (trimmed.length > MAX_NAME + 49) throw validation(`Experiment name is longer than ${MAX_NAME} characters`);
  const slash = trimmed.indexOf("/");
  if (slash > 0) {
    const mine = await memberTeams(ctx);
    const team = mine.find((t) => t.slug === trimmed.slice(0, slash));
    if (team) return { team, projectName: trimmed.slice(slash + 1).trim() };
  }
  if (trimmed.length > MAX_NAME) throw validation(`Experiment name is longer than ${MAX_NAME} characters`);
  return { team: await defaultTeam(ctx), projectName: trimmed };
}

/** The experiment name the caller uses for a project: bare in their default team, else "team/name". */
export function experimentName(project: Pick<ProjectRow, "name" | "teamId">, teamsOfCaller: TeamRow[]): string {
  const team = teamsOfCaller.find((t) => t.id === project.teamId);
  if (!team || team.id === teamsOfCaller[0]?.id) return project.name;
  return `${team.slug}/${project.name}`;
}

async function projectNamed(ctx: ServiceContext, teamId: string, name: string): Promise<ProjectRow | null> {
  const [row] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.teamId, teamId), eq(projects.name, name)))
    .orderBy(asc(projects.createdAt))
    .limit(1);
  return row ?? null;
}

export async function findExperimentByName(ctx: ServiceContext, name: string): Promise<ProjectAccess> {
  const { team, projectName } = await placeName(ctx, name);
  const project = await projectNamed(ctx, team.id, projectName);
  if (!project) throw notFound(`Experiment with name '${name}'`);
  return projectAccess(ctx, project.id, "team:read");
}

function slugOf(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return base.length >= 2 ? base : `exp-${base || "x"}`;
}

/** Creates the project behind a new experiment; its slug is derived from the name and made unique. */
export async function createExperiment(ctx: ServiceContext, input: { name: string; tags?: Record<string, string> }) {
  const { team, projectName } = await placeName(ctx, input.name);
  if (await projectNamed(ctx, team.id, projectName)) throw alreadyExists(`Experiment '${input.name}' already exists.`);
  const base = slugOf(projectName);
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    try {
      const project = await createProject({ ctx, input: { teamSlug: team.slug, name: projectName, slug } });
      if (input.tags && Object.keys(input.tags).length > 0) await setExperimentTags(ctx, project.id, input.tags);
      return project;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    }
  }
  throw alreadyExists(`Experiment '${input.name}' already exists.`);
}

/** Experiment "0" is MLflow's default: the "Default" project of the caller's default team, made on first use. */
export async function experimentById(ctx: ServiceContext, experimentId: string, scope: "team:read" | "runs:write" = "team:read") {
  if (experimentId !== DEFAULT_EXPERIMENT_ID) return projectAccess(ctx, experimentId, scope);
  const team = await defaultTeam(ctx);
  const existing = await projectNamed(ctx, team.id, DEFAULT_EXPERIMENT_NAME);
  if (existing) return projectAccess(ctx, existing.id, scope);
  await teamAccess(ctx, { teamId: team.id }, "projects:create");
  const created = await createExperiment(ctx, { name: DEFAULT_EXPERIMENT_NAME });
  return projectAccess(ctx, created.id, scope);
}

/** An experiment that takes new runs: a deleted one must be restored first, as in MLflow. */
export async function activeExperiment(ctx: ServiceContext, experimentId: string) {
  const access = await experimentById(ctx, experimentId, "runs:write");
  if (access.project.deletedAt) {
    throw validation(`The experiment ${access.project.id} must be in the 'active' state. Current state is deleted.`);
  }
  return access;
}

export async function renameExperiment(ctx: ServiceContext, experimentId: string, newName: string) {
  const { project, team } = await experimentById(ctx, experimentId, "team:read");
  const placed = await placeName(ctx, newName);
  if (placed.team.id !== team.id) throw validation("An experiment cannot move to another team by renaming it");
  const clash = await projectNamed(ctx, team.id, placed.projectName);
  if (clash && clash.id !== project.id) throw alreadyExists(`Experiment '${newName}' already exists.`);
  return updateProject({ ctx, input: { projectId: project.id, name: placed.projectName } });
}

/** Soft delete (and restore): the project and its runs stay; lists and MLflow's ACTIVE_ONLY hide it. */
export async function setExperimentDeleted(ctx: ServiceContext, experimentId: string, deleted: boolean) {
  const { project, actor } = await experimentById(ctx, experimentId, "team:read");
  const access = await projectAccess(ctx, project.id, "projects:delete");
  if (Boolean(project.deletedAt) === deleted) {
    if (deleted) throw validation(`The experiment ${project.id} must be in the 'active' state. Current state is deleted.`);
    throw validation(`Cannot restore an active experiment ${project.id}.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(projects).set({ deletedAt: deleted ? new Date() : null }).where(eq(projects.id, project.id));
    await writeAudit(tx, actor, {
      teamId: access.team.id,
      projectId: project.id,
      action: deleted ? "project.delete" : "project.restore",
      targetType: "project",
      targetId: project.id,
      data: { name: project.name, soft: true },
    });
  });
}

export async function setExperimentTags(ctx: ServiceContext, projectId: string, tags: Record<string, string>) {
  const { project } = await projectAccess(ctx, projectId, "projects:update");
  await ctx.db
    .update(projects)
    .set({ tags: { ...project.tags, ...tags } })
    .where(eq(projects.id, project.id));
}

/** Projects of the given ids that the caller can read (others are simply absent). */
export async function readableProjects(ctx: ServiceContext, projectIds: string[]): Promise<ProjectRow[]> {
  const actor = requireActor(ctx);
  if (projectIds.length === 0) return [];
  const rows = await ctx.db
    .select({ project: projects })
    .from(projects)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, actor.userId)))
    .where(inArray(projects.id, projectIds));
  return rows.map((r) => r.project);
}

/** Active projects of the caller's teams, for model lookups by bare name. */
export async function activeProjectIds(ctx: ServiceContext): Promise<string[]> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, actor.userId)))
    .where(isNull(projects.deletedAt));
  return rows.map((r) => r.id);
}
