import { and, asc, eq, ne, sql } from "drizzle-orm";
import { teamMembers, users } from "@/db/schema";
import type { TeamRole } from "@/db/schema/enums";
import type { DbOrTx } from "@/db/client";
import { writeAudit } from "../audit/write-audit";
import { assignableRoles } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { conflict, forbidden, notFound, preconditionFailed } from "../errors";
import { teamAccess, type TeamAccess } from "./access";
import { AddMemberInput, ChangeRoleInput, RemoveMemberInput, TeamRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

export async function listMembers({ ctx, input }: Verb<TeamRef>) {
  const { team } = await teamAccess(ctx, TeamRef.parse(input), "team:read");
  return ctx.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: teamMembers.role,
      joinedAt: teamMembers.createdAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, team.id))
    .orderBy(asc(users.name));
}

function assertMayGrant(access: TeamAccess, role: TeamRole) {
  if (!assignableRoles(access.role).includes(role)) {
    throw forbidden(`Your role (${access.role}) cannot grant the ${role} role`);
  }
}

async function memberRole(db: DbOrTx, teamId: string, userId: string): Promise<TeamRole | undefined> {
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .for("update");
  return row?.role;
}

// A team always keeps an owner: the last one can be neither demoted nor removed.
async function assertNotLastOwner(db: DbOrTx, teamId: string, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, "owner"), ne(teamMembers.userId, userId)));
  if ((row?.n ?? 0) === 0) throw preconditionFailed("A team must keep at least one owner");
}

/** Adds an existing user by email (the invite link is for people without an account yet). */
export async function addMember({ ctx, input }: Verb<AddMemberInput>) {
  const access = await teamAccess(ctx, TeamRef.parse(input), "members:manage");
  const data = AddMemberInput.parse(input);
  assertMayGrant(access, data.role);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, data.email.toLowerCase())).limit(1);
  if (!user) throw notFound("User");
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(teamMembers)
      .values({ teamId: access.team.id, userId: user.id, role: data.role })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw conflict(`${data.email} is already a member of this team`);
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      action: "member.add",
      targetType: "user",
      targetId: user.id,
      data: { email: user.email, role: data.role },
    });
    return { userId: user.id, email: user.email, name: user.name, role: data.role };
  });
}

export async function changeMemberRole({ ctx, input }: Verb<ChangeRoleInput>) {
  const access = await teamAccess(ctx, TeamRef.parse(input), "members:manage");
  const data = ChangeRoleInput.parse(input);
  assertMayGrant(access, data.role);
  return ctx.db.transaction(async (tx) => {
    const current = await memberRole(tx, access.team.id, data.userId);
    if (!current) throw notFound("Member");
    if (current === "owner" && access.role !== "owner") throw forbidden("Only an owner can change an owner's role");
    if (current === data.role) return { userId: data.userId, role: current };
    if (current === "owner") await assertNotLastOwner(tx, access.team.id, data.userId);
    await tx
      .update(teamMembers)
      .set({ role: data.role })
      .where(and(eq(teamMembers.teamId, access.team.id), eq(teamMembers.userId, data.userId)));
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      action: "member.role_change",
      targetType: "user",
      targetId: data.userId,
      data: { from: current, to: data.role },
    });
    return { userId: data.userId, role: data.role };
  });
}

/** Removes a member; any member may remove themselves (leave the team). */
export async function removeMember({ ctx, input }: Verb<RemoveMemberInput>) {
  const data = RemoveMemberInput.parse(input);
  const self = ctx.actor?.userId === data.userId;
  const access = await teamAccess(ctx, data, self ? "team:read" : "members:manage");
  return ctx.db.transaction(async (tx) => {
    const current = await memberRole(tx, access.team.id, data.userId);
    if (!current) throw notFound("Member");
    if (current === "owner" && access.role !== "owner") throw forbidden("Only an owner can remove an owner");
    if (current === "owner") await assertNotLastOwner(tx, access.team.id, data.userId);
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, access.team.id), eq(teamMembers.userId, data.userId)));
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      action: self ? "member.leave" : "member.remove",
      targetType: "user",
      targetId: data.userId,
      data: { role: current },
    });
    return { userId: data.userId };
  });
}
