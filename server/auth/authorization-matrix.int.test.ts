import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { type TeamRole, teamRoles } from "@/db/schema/enums";
import { testDatabases } from "@/db/testing/databases";
import { listTeamAudit } from "../audit/list-audit";
import { registerTarget } from "../compute/targets";
import type { Actor, ServiceContext } from "../context";
import { createProject, deleteProject, updateProject } from "../projects/projects";
import { createInvite, listInvites, revokeInvite } from "../teams/invites";
import { addMember, changeMemberRole, removeMember } from "../teams/members";
import { deleteTeam, updateTeam } from "../teams/teams";
import { ctxFor, expectDomainError, makeUser, teamWithRoles, uniq } from "../testing/fixtures";

interface Setup {
  ctx: ServiceContext;
  actor: Actor;
  teamSlug: string;
  projectId: string;
  inviteId: string;
  target: Actor;
  outsiderEmail: string;
}

interface Case {
  name: string;
  allowed: TeamRole[];
  /** The audit action an allowed call must write in the same transaction. */
  audit?: string;
  run: (s: Setup) => Promise<unknown>;
}

const managers: TeamRole[] = ["owner", "admin"];
const writers: TeamRole[] = ["owner", "admin", "member", "reviewer"];

// Each mutation of the Foundation issue, with the roles the issue allows it for.
const cases: Case[] = [
  { name: "rename the team", allowed: managers, audit: "team.update", run: (s) => updateTeam({ ctx: s.ctx, input: { teamSlug: s.teamSlug, name: "Renamed" } }) },
  { name: "delete the team", allowed: ["owner"], audit: "team.delete", run: (s) => deleteTeam({ ctx: s.ctx, input: { teamSlug: s.teamSlug } }) },
  { name: "add a member", allowed: managers, audit: "member.add", run: (s) => addMember({ ctx: s.ctx, input: { teamSlug: s.teamSlug, email: s.outsiderEmail, role: "member" } }) },
  { name: "change a member's role", allowed: managers, audit: "member.role_change", run: (s) => changeMemberRole({ ctx: s.ctx, input: { teamSlug: s.teamSlug, userId: s.target.userId, role: "viewer" } }) },
  { name: "remove a member", allowed: managers, audit: "member.remove", run: (s) => removeMember({ ctx: s.ctx, input: { teamSlug: s.teamSlug, userId: s.target.userId } }) },
  { name: "create an invite", allowed: managers, audit: "invite.create", run: (s) => createInvite({ ctx: s.ctx, input: { teamSlug: s.teamSlug, role: "member" } }) },
  { name: "revoke an invite", allowed: managers, audit: "invite.revoke", run: (s) => revokeInvite({ ctx: s.ctx, input: { teamSlug: s.teamSlug, inviteId: s.inviteId } }) },
  { name: "list invites", allowed: managers, run: (s) => listInvites({ ctx: s.ctx, input: { teamSlug: s.teamSlug } }) },
  { name: "create a project", allowed: writers, audit: "project.create", run: (s) => createProject({ ctx: s.ctx, input: { teamSlug: s.teamSlug, name: "P", slug: uniq("p") } }) },
  { name: "edit a project", allowed: writers, audit: "project.update", run: (s) => updateProject({ ctx: s.ctx, input: { projectId: s.projectId, description: "changed" } }) },
  { name: "delete a project", allowed: managers, audit: "project.delete", run: (s) => deleteProject({ ctx: s.ctx, input: { projectId: s.projectId } }) },
  { name: "register compute", allowed: managers, audit: "compute.register", run: (s) => registerTarget({ ctx: s.ctx, input: { teamSlug: s.teamSlug, name: "gpu-box" } }) },
  { name: "read the audit log", allowed: managers, run: (s) => listTeamAudit({ ctx: s.ctx, input: { teamSlug: s.teamSlug } }) },
];

describe.each(testDatabases)("authorization matrix on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  async function setUp(role: TeamRole): Promise<Setup> {
    const { team, owner, members } = await teamWithRoles(h.db, [role, "member"]);
    const [actor, target] = members as [Actor, Actor];
    const ownerCtx = ctxFor(h.db, owner);
    const project = await createProject({ ctx: ownerCtx, input: { teamSlug: team.slug, name: "P", slug: uniq("p") } });
    const invite = await createInvite({ ctx: ownerCtx, input: { teamSlug: team.slug, role: "viewer" } });
    const outsider = await makeUser(h.db, "outsider");
    return {
      ctx: ctxFor(h.db, actor),
      actor,
      teamSlug: team.slug,
      projectId: project.id,
      inviteId: invite.id,
      target,
      outsiderEmail: outsider.email,
    };
  }

  const auditCount = async (actor: Actor, action: string) =>
    (await h.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, actor.userId), eq(auditLog.action, action))))
      .length;

  for (const role of teamRoles) {
    for (const c of cases) {
      const allowed = c.allowed.includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${c.name}`, async () => {
        const s = await setUp(role);
        if (allowed) {
          await c.run(s);
          if (c.audit) expect(await auditCount(s.actor, c.audit)).toBe(1);
        } else {
          await expectDomainError(c.run(s), "FORBIDDEN");
          if (c.audit) expect(await auditCount(s.actor, c.audit)).toBe(0);
        }
      });
    }
  }
});
