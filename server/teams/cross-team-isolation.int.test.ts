import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import { listTeamAudit } from "../audit/list-audit";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "../projects/projects";
import { ctxFor, expectDomainError, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { createCaller } from "../trpc/root";
import { createInvite, listInvites, revokeInvite } from "./invites";
import { addMember, changeMemberRole, listMembers, removeMember } from "./members";
import { deleteTeam, getTeam, updateTeam } from "./teams";

describe.each(testDatabases)("cross-team isolation on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  // The owner of team A is a stranger to team B: every read and write of B answers NOT_FOUND,
  // the same answer as for something that does not exist, so B's existence does not leak.
  async function twoTeams() {
    const a = await teamWithRoles(h.db);
    const b = await teamWithRoles(h.db, ["member"]);
    const bOwner = ctxFor(h.db, b.owner);
    const project = await createProject({ ctx: bOwner, input: { teamSlug: b.team.slug, name: "Secret", slug: uniq("s") } });
    const invite = await createInvite({ ctx: bOwner, input: { teamSlug: b.team.slug, role: "member" } });
    return { stranger: a.owner, ctx: ctxFor(h.db, a.owner), teamSlug: b.team.slug, project, invite, bMember: b.members[0]! };
  }

  it("refuses every read and write of another team's resources through the verbs", async () => {
    const t = await twoTeams();
    const teamSlug = t.teamSlug;
    const attempts: (() => Promise<unknown>)[] = [
      () => getTeam({ ctx: t.ctx, input: { teamSlug } }),
      () => updateTeam({ ctx: t.ctx, input: { teamSlug, name: "x" } }),
      () => deleteTeam({ ctx: t.ctx, input: { teamSlug } }),
      () => listMembers({ ctx: t.ctx, input: { teamSlug } }),
      () => addMember({ ctx: t.ctx, input: { teamSlug, email: t.stranger.email, role: "owner" } }),
      () => changeMemberRole({ ctx: t.ctx, input: { teamSlug, userId: t.bMember.userId, role: "viewer" } }),
      () => removeMember({ ctx: t.ctx, input: { teamSlug, userId: t.bMember.userId } }),
      () => listInvites({ ctx: t.ctx, input: { teamSlug } }),
      () => createInvite({ ctx: t.ctx, input: { teamSlug, role: "owner" } }),
      () => revokeInvite({ ctx: t.ctx, input: { teamSlug, inviteId: t.invite.id } }),
      () => listProjects({ ctx: t.ctx, input: { teamSlug } }),
      () => createProject({ ctx: t.ctx, input: { teamSlug, name: "x", slug: uniq("x") } }),
      () => getProject({ ctx: t.ctx, input: { projectId: t.project.id } }),
      () => updateProject({ ctx: t.ctx, input: { projectId: t.project.id, name: "x" } }),
      () => deleteProject({ ctx: t.ctx, input: { projectId: t.project.id } }),
      () => listTeamAudit({ ctx: t.ctx, input: { teamSlug } }),
    ];
    for (const attempt of attempts) await expectDomainError(attempt(), "NOT_FOUND");
    // Nothing of B changed, and B's project is not in the stranger's own list.
    const mine = await listProjects({ ctx: t.ctx, input: {} });
    expect(mine.map((p) => p.id)).not.toContain(t.project.id);
    const still = await getProject({ ctx: ctxFor(h.db, t.bMember), input: { projectId: t.project.id } });
    expect(still.name).toBe("Secret");
  });

  it("refuses them through the tRPC router with typed NOT_FOUND errors", async () => {
    const t = await twoTeams();
    const rt = testRuntime(h);
    const caller = createCaller({ svc: ctxFor(h.db, t.stranger), rt, headers: new Headers() });
    const calls: (() => Promise<unknown>)[] = [
      () => caller.projects.get({ projectId: t.project.id }),
      () => caller.projects.update({ projectId: t.project.id, name: "x" }),
      () => caller.teams.get({ teamSlug: t.teamSlug }),
      () => caller.teams.members({ teamSlug: t.teamSlug }),
      () => caller.teams.audit({ teamSlug: t.teamSlug }),
      () => caller.teams.delete({ teamSlug: t.teamSlug }),
    ];
    for (const call of calls) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("NOT_FOUND");
    }
    const anonymous = createCaller({ svc: ctxFor(h.db, null), rt, headers: new Headers() });
    const error = await anonymous.projects.list({}).then(() => null, (e: unknown) => e);
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
