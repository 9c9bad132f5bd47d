import { asc, eq, sql } from "drizzle-orm";
import { projects, teamMembers, teams } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { requireActor } from "../auth/actor";
import type { ServiceContext } from "../context";
import { conflict, isUniqueViolation } from "../errors";
import { createId } from "../ids";
import { teamAccess } from "./access";
import { CreateTeamInput, TeamRef, UpdateTeamInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/** Any signed-in user may create a team and becomes its owner. */
export async function createTeam({ ctx, input }: Verb<CreateTeamInput>) {
  const actor = requireActor(ctx);
  const data = CreateTeamInput.parse(input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [team] = await tx
        .insert(teams)
        .values({ id: createId("team"), name: data.name, slug: data.slug })
        .returning();
      await tx.insert(teamMembers).values({ teamId: team!.id, userId: actor.userId, role: "owner" });
      await writeAudit(tx, actor, {
        teamId: team!.id,
        action: "team.create",
        targetType: "team",
        targetId: team!.id,
        data: { name: data.name, slug: data.slug },
      });
      return team!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A team with slug "${data.slug}" already exists`);
    throw error;
  }
}

/** The teams the actor belongs to, with their role and project count. */
export async function listMyTeams({ ctx }: { ctx: ServiceContext }) {
  const actor = requireActor(ctx);
  return ctx.db
    .select({
      id: teams.id,
      name: teams.name,
      slug: teams.slug,
      role: teamMembers.role,
      createdAt: teams.createdAt,
      projectCount: sql<number>`(select count(*)::int from ${projects} where ${projects.teamId} = ${teams.id})`,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, actor.userId))
    .orderBy(asc(teams.name));
}

export async function getTeam({ ctx, input }: Verb<TeamRef>) {
  const { team, role } = await teamAccess(ctx, TeamRef.parse(input), "team:read");
  return { ...team, role };
}

export async function updateTeam({ ctx, input }: Verb<UpdateTeamInput>) {
  const { team, actor } = await teamAccess(ctx, TeamRef.parse(input), "team:update");
  const data = UpdateTeamInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(teams).set({ name: data.name }).where(eq(teams.id, team.id)).returning();
    await writeAudit(tx, actor, {
      teamId: team.id,
      action: "team.update",
      targetType: "team",
      targetId: team.id,
      data: { from: { name: team.name }, to: { name: data.name } },
    });
    return updated!;
  });
}

export async function deleteTeam({ ctx, input }: Verb<TeamRef>) {
  const { team, actor } = await teamAccess(ctx, TeamRef.parse(input), "team:delete");
  await ctx.db.transaction(async (tx) => {
    await writeAudit(tx, actor, {
      teamId: team.id,
      action: "team.delete",
      targetType: "team",
      targetId: team.id,
      data: { name: team.name, slug: team.slug },
    });
    await tx.delete(teams).where(eq(teams.id, team.id));
  });
  return { id: team.id };
}
