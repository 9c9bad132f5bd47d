import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { teamInvites, teamMembers, teams, users } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { requireActor } from "../auth/actor";
import { assignableRoles } from "../auth/permissions";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { ServiceContext } from "../context";
import { conflict, forbidden, notFound, preconditionFailed } from "../errors";
import { createId } from "../ids";
import { teamAccess } from "./access";
import { CreateInviteInput, InviteTokenInput, RevokeInviteInput, TeamRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/** Creates a single-use invite link; the secret is returned once and only its hash is stored. */
export async function createInvite({ ctx, input }: Verb<CreateInviteInput>) {
  const access = await teamAccess(ctx, TeamRef.parse(input), "members:manage");
  const data = CreateInviteInput.parse(input);
  if (!assignableRoles(access.role).includes(data.role)) {
    throw forbidden(`Your role (${access.role}) cannot invite as ${data.role}`);
  }
  const token = generateSecret("tyi");
  const expiresAt = new Date(Date.now() + data.expiresInDays * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const [invite] = await tx
      .insert(teamInvites)
      .values({
        id: createId("inv"),
        teamId: access.team.id,
        role: data.role,
        tokenHash: hashSecret(token),
        createdBy: access.actor.userId,
        expiresAt,
      })
      .returning({ id: teamInvites.id, role: teamInvites.role, expiresAt: teamInvites.expiresAt });
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      action: "invite.create",
      targetType: "invite",
      targetId: invite!.id,
      data: { role: data.role, expiresAt: expiresAt.toISOString() },
    });
    return { ...invite!, token, path: `/invite/${token}` };
  });
}

/** Open invites (not accepted, revoked or expired). */
export async function listInvites({ ctx, input }: Verb<TeamRef>) {
  const { team } = await teamAccess(ctx, TeamRef.parse(input), "members:manage");
  return ctx.db
    .select({
      id: teamInvites.id,
      role: teamInvites.role,
      createdAt: teamInvites.createdAt,
      expiresAt: teamInvites.expiresAt,
      createdByName: users.name,
    })
    .from(teamInvites)
    .innerJoin(users, eq(users.id, teamInvites.createdBy))
    .where(
      and(
        eq(teamInvites.teamId, team.id),
        isNull(teamInvites.acceptedAt),
        isNull(teamInvites.revokedAt),
        gt(teamInvites.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(teamInvites.createdAt));
}

export async function revokeInvite({ ctx, input }: Verb<RevokeInviteInput>) {
  const access = await teamAccess(ctx, TeamRef.parse(input), "members:manage");
  const data = RevokeInviteInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(teamInvites)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(teamInvites.id, data.inviteId),
          eq(teamInvites.teamId, access.team.id),
          isNull(teamInvites.acceptedAt),
          isNull(teamInvites.revokedAt),
        ),
      )
      .returning({ id: teamInvites.id });
    if (!row) throw notFound("Open invite");
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      action: "invite.revoke",
      targetType: "invite",
      targetId: row.id,
    });
    return row;
  });
}

/** What an invite link offers, readable without signing in; says why when it is no longer valid. */
export async function previewInvite({ ctx, input }: Verb<InviteTokenInput>) {
  const { token } = InviteTokenInput.parse(input);
  const [row] = await ctx.db
    .select({ invite: teamInvites, teamName: teams.name, teamSlug: teams.slug })
    .from(teamInvites)
    .innerJoin(teams, eq(teams.id, teamInvites.teamId))
    .where(eq(teamInvites.tokenHash, hashSecret(token)))
    .limit(1);
  if (!row) throw notFound("Invite");
  const { invite } = row;
  const status: "revoked" | "accepted" | "expired" | "open" = invite.revokedAt
    ? "revoked"
    : invite.acceptedAt
      ? "accepted"
      : invite.expiresAt <= new Date()
        ? "expired"
        : "open";
  return { teamName: row.teamName, teamSlug: row.teamSlug, role: invite.role, status, expiresAt: invite.expiresAt };
}

/** Whether a token names an invite that can still be used: the `invite` sign-up policy asks this. */
export async function isInviteOpen(ctx: ServiceContext, token: string): Promise<boolean> {
  try {
    return (await previewInvite({ ctx, input: { token } })).status === "open";
  } catch {
    return false;
  }
}

export async function acceptInvite({ ctx, input }: Verb<InviteTokenInput>) {
  const actor = requireActor(ctx);
  const { token } = InviteTokenInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    // Claim the invite with a conditional update so two people cannot both use one link.
    const [invite] = await tx
      .update(teamInvites)
      .set({ acceptedAt: new Date(), acceptedBy: actor.userId })
      .where(
        and(
          eq(teamInvites.tokenHash, hashSecret(token)),
          isNull(teamInvites.acceptedAt),
          isNull(teamInvites.revokedAt),
          gt(teamInvites.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invite) throw preconditionFailed("This invite link is no longer valid");
    const inserted = await tx
      .insert(teamMembers)
      .values({ teamId: invite.teamId, userId: actor.userId, role: invite.role })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw conflict("You are already a member of this team");
    await writeAudit(tx, actor, {
      teamId: invite.teamId,
      action: "invite.accept",
      targetType: "user",
      targetId: actor.userId,
      data: { inviteId: invite.id, role: invite.role },
    });
    const [team] = await tx.select().from(teams).where(eq(teams.id, invite.teamId));
    return { teamSlug: team!.slug, teamName: team!.name, role: invite.role };
  });
}
