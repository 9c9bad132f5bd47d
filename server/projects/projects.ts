import { and, asc, eq, isNull } from "drizzle-orm";
import { projects, teamMembers, teams } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { requireActor } from "../auth/actor";
import type { ServiceContext } from "../context";
import { createDefaultDashboard } from "../dashboards/default-dashboard";
import { conflict, isUniqueViolation } from "../errors";
import { createId } from "../ids";
import { projectAccess, teamAccess } from "../teams/access";
import { TeamRef } from "../teams/schemas";
import { CreateProjectInput, ListProjectsInput, ProjectRef, UpdateProjectInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

export async function createProject({ ctx, input }: Verb<CreateProjectInput>) {
  const { team, actor } = await teamAccess(ctx, TeamRef.parse(input), "projects:create");
  const data = CreateProjectInput.parse(input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [project] = await tx
        .insert(projects)
        .values({
          id: createId("prj"),
          teamId: team.id,
          name: data.name,
          slug: data.slug,
          description: data.description,
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, actor, {
        teamId: team.id,
        projectId: project!.id,
        action: "project.create",
        targetType: "project",
        targetId: project!.id,
        data: { name: data.name, slug: data.slug },
      });
      await createDefaultDashboard(tx, actor, project!);
      return { ...project!, teamSlug: team.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Team ${team.slug} already has a project "${data.slug}"`);
    throw error;
  }
}

/** Projects of one team, or of every team the actor belongs to. */
export async function listProjects({ ctx, input }: Verb<ListProjectsInput>) {
  const actor = requireActor(ctx);
  const { teamSlug } = ListProjectsInput.parse(input);
  if (teamSlug) await teamAccess(ctx, { teamSlug }, "team:read");
  return ctx.db
    .select({
      id: projects.id,
      name: projects.name,
      slug: projects.slug,
      description: projects.description,
      createdAt: projects.createdAt,
      updatedAt: projects.updatedAt,
      teamId: teams.id,
      teamSlug: teams.slug,
      teamName: teams.name,
      role: teamMembers.role,
    })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(and(isNull(projects.deletedAt), teamSlug ? eq(teams.slug, teamSlug) : undefined))
    .orderBy(asc(teams.name), asc(projects.name));
}

export async function getProject({ ctx, input }: Verb<ProjectRef>) {
  const { project, team, role } = await projectAccess(ctx, ProjectRef.parse(input).projectId, "team:read");
  return { ...project, teamSlug: team.slug, teamName: team.name, role };
}

export async function updateProject({ ctx, input }: Verb<UpdateProjectInput>) {
  const { project, actor } = await projectAccess(ctx, ProjectRef.parse(input).projectId, "projects:update");
  const data = UpdateProjectInput.parse(input);
  const changes = {
    ...(data.name !== undefined && data.name !== project.name ? { name: data.name } : {}),
    ...(data.description !== undefined && data.description !== project.description
      ? { description: data.description }
      : {}),
  };
  if (Object.keys(changes).length === 0) return project;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(projects).set(changes).where(eq(projects.id, project.id)).returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "project.update",
      targetType: "project",
      targetId: project.id,
      data: {
        from: Object.fromEntries(Object.keys(changes).map((k) => [k, project[k as keyof typeof changes]])),
        to: changes,
      },
    });
    return updated!;
  });
}

export async function deleteProject({ ctx, input }: Verb<ProjectRef>) {
  const { project, actor } = await projectAccess(ctx, ProjectRef.parse(input).projectId, "projects:delete");
  await ctx.db.transaction(async (tx) => {
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "project.delete",
      targetType: "project",
      targetId: project.id,
      data: { name: project.name, slug: project.slug },
    });
    await tx.delete(projects).where(eq(projects.id, project.id));
  });
  return { id: project.id };
}
