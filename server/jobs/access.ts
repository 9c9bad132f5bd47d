import { and, eq } from "drizzle-orm";
import { jobs, projects, teamMembers, teams } from "@/db/schema";
import { requireActor } from "../auth/actor";
import type { Scope } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { checkRole, type ProjectAccess } from "../teams/access";

export type JobRow = typeof jobs.$inferSelect;

export interface JobAccess extends ProjectAccess {
  job: JobRow;
}

/** Loads a job with its project and the actor's role; another team's job is NOT_FOUND. */
export async function jobAccess(ctx: ServiceContext, jobId: string, scope: Scope): Promise<JobAccess> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .select({ job: jobs, project: projects, team: teams, role: teamMembers.role })
    .from(jobs)
    .innerJoin(projects, eq(projects.id, jobs.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(eq(jobs.id, jobId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Job");
  return { actor, role, job: row!.job, project: row!.project, team: row!.team };
}
