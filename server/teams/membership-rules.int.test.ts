import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import { createProject } from "../projects/projects";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, uniq } from "../testing/fixtures";
import { acceptInvite, createInvite, previewInvite, revokeInvite } from "./invites";
import { addMember, changeMemberRole, listMembers, removeMember } from "./members";
import { createTeam } from "./teams";

describe.each(testDatabases)("teams, members and invites on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  it("makes the creator the owner and refuses a taken slug", async () => {
    const u = await makeUser(h.db);
    const slug = uniq("t");
    const team = await createTeam({ ctx: ctxFor(h.db, u), input: { name: "T", slug } });
    const members = await listMembers({ ctx: ctxFor(h.db, u), input: { teamSlug: slug } });
    expect(members).toEqual([expect.objectContaining({ userId: u.userId, role: "owner" })]);
    expect(await auditRows(h.db, team.id, "team.create")).toHaveLength(1);
    await expectDomainError(createTeam({ ctx: ctxFor(h.db, u), input: { name: "T", slug } }), "CONFLICT");
  });

  it("always keeps an owner; admins can neither grant owner nor touch owners", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["admin", "member"]);
    const [admin, member] = members as [typeof owner, typeof owner];
    const asOwner = ctxFor(h.db, owner);
    const asAdmin = ctxFor(h.db, admin);
    await expectDomainError(changeMemberRole({ ctx: asOwner, input: { teamSlug: team.slug, userId: owner.userId, role: "admin" } }), "PRECONDITION_FAILED");
    await expectDomainError(removeMember({ ctx: asOwner, input: { teamSlug: team.slug, userId: owner.userId } }), "PRECONDITION_FAILED");
    await expectDomainError(changeMemberRole({ ctx: asAdmin, input: { teamSlug: team.slug, userId: member.userId, role: "owner" } }), "FORBIDDEN");
    await expectDomainError(changeMemberRole({ ctx: asAdmin, input: { teamSlug: team.slug, userId: owner.userId, role: "viewer" } }), "FORBIDDEN");
    await expectDomainError(removeMember({ ctx: asAdmin, input: { teamSlug: team.slug, userId: owner.userId } }), "FORBIDDEN");
    await expectDomainError(createInvite({ ctx: asAdmin, input: { teamSlug: team.slug, role: "owner" } }), "FORBIDDEN");
    // With a second owner, the first may step down.
    await changeMemberRole({ ctx: asOwner, input: { teamSlug: team.slug, userId: member.userId, role: "owner" } });
    await changeMemberRole({ ctx: asOwner, input: { teamSlug: team.slug, userId: owner.userId, role: "viewer" } });
    const roles = Object.fromEntries((await listMembers({ ctx: asAdmin, input: { teamSlug: team.slug } })).map((m) => [m.userId, m.role]));
    expect(roles).toMatchObject({ [owner.userId]: "viewer", [member.userId]: "owner" });
    const changes = await auditRows(h.db, team.id, "member.role_change");
    expect(changes.map((c) => c.data)).toContainEqual({ from: "owner", to: "viewer" });
  });

  it("lets any member leave, and refuses adding an unknown or existing user", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["viewer"]);
    const viewer = members[0]!;
    await expectDomainError(addMember({ ctx: ctxFor(h.db, owner), input: { teamSlug: team.slug, email: `${uniq("nobody")}@example.test`, role: "member" } }), "NOT_FOUND");
    await expectDomainError(addMember({ ctx: ctxFor(h.db, owner), input: { teamSlug: team.slug, email: viewer.email, role: "member" } }), "CONFLICT");
    await removeMember({ ctx: ctxFor(h.db, viewer), input: { teamSlug: team.slug, userId: viewer.userId } });
    expect(await auditRows(h.db, team.id, "member.leave")).toHaveLength(1);
  });

  it("uses an invite once, refuses revoked and expired ones, and keeps it when the joiner is already a member", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["member"]);
    const asOwner = ctxFor(h.db, owner);
    const invite = await createInvite({ ctx: asOwner, input: { teamSlug: team.slug, role: "reviewer" } });
    expect(await previewInvite({ ctx: ctxFor(h.db, null), input: { token: invite.token } })).toMatchObject({ status: "open", role: "reviewer", teamSlug: team.slug });
    // An existing member cannot burn the link.
    await expectDomainError(acceptInvite({ ctx: ctxFor(h.db, members[0]!), input: { token: invite.token } }), "CONFLICT");
    const bob = await makeUser(h.db, "bob");
    const joined = await acceptInvite({ ctx: ctxFor(h.db, bob), input: { token: invite.token } });
    expect(joined).toMatchObject({ teamSlug: team.slug, role: "reviewer" });
    const carol = await makeUser(h.db, "carol");
    await expectDomainError(acceptInvite({ ctx: ctxFor(h.db, carol), input: { token: invite.token } }), "PRECONDITION_FAILED");
    expect((await previewInvite({ ctx: ctxFor(h.db, null), input: { token: invite.token } })).status).toBe("accepted");

    const revoked = await createInvite({ ctx: asOwner, input: { teamSlug: team.slug, role: "member" } });
    await revokeInvite({ ctx: asOwner, input: { teamSlug: team.slug, inviteId: revoked.id } });
    await expectDomainError(acceptInvite({ ctx: ctxFor(h.db, carol), input: { token: revoked.token } }), "PRECONDITION_FAILED");
    await expectDomainError(revokeInvite({ ctx: asOwner, input: { teamSlug: team.slug, inviteId: revoked.id } }), "NOT_FOUND");

    const expired = await createInvite({ ctx: asOwner, input: { teamSlug: team.slug, role: "member" } });
    await h.db.execute(sql`update team_invites set expires_at = now() - interval '1 minute' where id = ${expired.id}`);
    await expectDomainError(acceptInvite({ ctx: ctxFor(h.db, carol), input: { token: expired.token } }), "PRECONDITION_FAILED");
    expect(await auditRows(h.db, team.id, "invite.accept")).toHaveLength(1);
  });

  it("refuses a duplicate project slug within a team but not across teams", async () => {
    const a = await teamWithRoles(h.db);
    const b = await teamWithRoles(h.db);
    const slug = uniq("p");
    await createProject({ ctx: ctxFor(h.db, a.owner), input: { teamSlug: a.team.slug, name: "P", slug } });
    await expectDomainError(createProject({ ctx: ctxFor(h.db, a.owner), input: { teamSlug: a.team.slug, name: "P", slug } }), "CONFLICT");
    await createProject({ ctx: ctxFor(h.db, b.owner), input: { teamSlug: b.team.slug, name: "P", slug } });
  });

  it("keeps the audit log append-only in the database itself", async () => {
    const { team } = await teamWithRoles(h.db);
    await expect(h.db.execute(sql`update audit_log set action = 'x' where team_id = ${team.id}`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from audit_log where team_id = ${team.id}`)).rejects.toThrow();
    expect(await auditRows(h.db, team.id, "team.create")).toHaveLength(1);
  });
});
