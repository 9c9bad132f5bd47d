import { and, eq } from "drizzle-orm";
import { projects, runs, teamMembers, teams } from "@/db/schema";
import { requireRunActor } from "../auth/actor";
import type { Scope } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { preconditionFailed } from "../errors";
import { checkRole, type ProjectAccess } from "../teams/access";

export interface RunAccess extends ProjectAccess {
  run: typeof runs.$inferSelect;
}

/**
 * Loads a run with its project and the actor's role; another team's run is NOT_FOUND. A deleted
 * run takes no writes until it is restored.
 */
export async function runAccess(ctx: ServiceContext, runId: string, scope: Scope, options: { allowDeleted?: boolean } = {}): Promise<RunAccess> {
  const actor = requireRunActor(ctx, runId);
  const [row] = await ctx.db
    .select({ run: runs, project: projects, team: teams, role: teamMembers.role })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(eq(runs.id, runId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Run");
  if (scope !== "team:read" && row!.run.deletedAt && !options.allowDeleted) {
    throw preconditionFailed(`The run ${runId} must be in the 'active' state. Current state is deleted.`);
  }
  return { actor, role, run: row!.run, project: row!.project, team: row!.team };
}
