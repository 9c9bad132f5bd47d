import { and, eq } from "drizzle-orm";
import { projects, teamMembers, teams } from "@/db/schema";
import type { TeamRole } from "@/db/schema/enums";
import { requireActor } from "../auth/actor";
import { can, type Scope } from "../auth/permissions";
import type { Actor, ServiceContext } from "../context";
import { forbidden, notFound } from "../errors";

type TeamRow = typeof teams.$inferSelect;
type ProjectRow = typeof projects.$inferSelect;

export interface TeamAccess {
  actor: Actor;
  team: TeamRow;
  role: TeamRole;
}

// Someone outside a team learns nothing about it: not a member → NOT_FOUND, the same answer as for
// a team that does not exist. A member without the scope → FORBIDDEN.
export function checkRole(role: TeamRole | undefined, scope: Scope, what: string): TeamRole {
  if (!role) throw notFound(what);
  if (!can(role, scope)) throw forbidden(`Your role (${role}) does not allow ${scope}`);
  return role;
}

export async function teamAccess(
  ctx: ServiceContext,
  ref: { teamSlug: string } | { teamId: string },
  scope: Scope,
): Promise<TeamAccess> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .select({ team: teams, role: teamMembers.role })
    .from(teams)
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where("teamSlug" in ref ? eq(teams.slug, ref.teamSlug) : eq(teams.id, ref.teamId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Team");
  return { actor, team: row!.team, role };
}

export interface ProjectAccess extends TeamAccess {
  project: ProjectRow;
}

export async function projectAccess(ctx: ServiceContext, projectId: string, scope: Scope): Promise<ProjectAccess> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .select({ project: projects, team: teams, role: teamMembers.role })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(eq(projects.id, projectId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Project");
  return { actor, team: row!.team, project: row!.project, role };
}
