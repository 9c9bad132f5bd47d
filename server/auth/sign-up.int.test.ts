import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { apiTokens, teamMembers } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { createInvite } from "../teams/invites";
import { createToken, revokeToken, authenticateToken, listTokens } from "../tokens/tokens";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, uniq } from "../testing/fixtures";
import { type Auth, createAuth } from "./auth";
import { bootstrapAdmin } from "./bootstrap";
import { tokenForCredentials } from "./credentials";
import { signUp } from "./sign-up";

describe.each(testDatabases)("accounts and tokens on $name", ({ open, openFresh }) => {
  let h: DbHandle;
  let auth: Auth;
  beforeAll(async () => {
    // PGlite starts empty, so its first sign-up is the instance's first account.
    h = await open();
    auth = createAuth(h.db, { secret: "s".repeat(32) });
  });
  afterAll(async () => {
    await h.close();
  });
  const email = () => `${uniq("u")}@example.test`;
  const anon = () => ctxFor(h.db, null);

  it("makes the first account of a fresh install the instance admin, and only the first", async () => {
    const fresh = await openFresh();
    try {
      const freshAuth = createAuth(fresh.db, { secret: "s".repeat(32) });
      const ctx = ctxFor(fresh.db, null);
      const first = await signUp({ ctx, auth: freshAuth, policy: "open", input: { email: email(), password: "password1", name: "A" } });
      const second = await signUp({ ctx, auth: freshAuth, policy: "open", input: { email: email(), password: "password1", name: "B" } });
      expect(first.user.isAdmin).toBe(true);
      expect(second.user.isAdmin).toBe(false);
      expect(first.headers.getSetCookie().join(";")).toContain("session_token");
    } finally {
      await fresh.close();
    }
  });

  it("bootstraps the configured admin on an empty instance only, whatever the sign-up policy", async () => {
    const fresh = await openFresh();
    try {
      const freshAuth = createAuth(fresh.db, { secret: "s".repeat(32) });
      const ctx = ctxFor(fresh.db, null);
      const e = email();
      const admin = await bootstrapAdmin(ctx, freshAuth, e, "password1");
      expect(admin).toMatchObject({ email: e, isAdmin: true });
      expect(await bootstrapAdmin(ctx, freshAuth, email(), "password1")).toBeNull();
      const issued = await tokenForCredentials({ ctx, auth: freshAuth, input: { email: e, password: "password1" } });
      expect((await authenticateToken(fresh.db, issued.token))?.isAdmin).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it("refuses a taken email with CONFLICT, whatever its case", async () => {
    const e = email();
    await signUp({ ctx: anon(), auth, policy: "open", input: { email: e, password: "password1", name: "A" } });
    await expectDomainError(
      signUp({ ctx: anon(), auth, policy: "open", input: { email: e.toUpperCase(), password: "password1", name: "A" } }),
      "CONFLICT",
    );
  });

  it("applies the sign-up policy: closed refuses, invite needs an open invite and joins its team", async () => {
    await expectDomainError(
      signUp({ ctx: anon(), auth, policy: "closed", input: { email: email(), password: "password1", name: "C" } }),
      "FORBIDDEN",
    );
    await expectDomainError(
      signUp({ ctx: anon(), auth, policy: "invite", input: { email: email(), password: "password1", name: "C" } }),
      "FORBIDDEN",
    );
    await expectDomainError(
      signUp({ ctx: anon(), auth, policy: "invite", input: { email: email(), password: "password1", name: "C", inviteToken: "tyi_not-a-real-invite" } }),
      "FORBIDDEN",
    );
    const { team, owner } = await teamWithRoles(h.db);
    const invite = await createInvite({ ctx: ctxFor(h.db, owner), input: { teamSlug: team.slug, role: "reviewer" } });
    const joined = await signUp({
      ctx: anon(),
      auth,
      policy: "invite",
      input: { email: email(), password: "password1", name: "R", inviteToken: invite.token },
    });
    expect(joined.joined?.role).toBe("reviewer");
    const [membership] = await h.db.select().from(teamMembers).where(eq(teamMembers.userId, joined.user.id));
    expect(membership).toMatchObject({ teamId: team.id, role: "reviewer" });
    // The invite was single-use.
    await expectDomainError(
      signUp({ ctx: anon(), auth, policy: "invite", input: { email: email(), password: "password1", name: "S", inviteToken: invite.token } }),
      "FORBIDDEN",
    );
  });

  it("issues a token for valid credentials only, and the token authenticates as the user", async () => {
    const e = email();
    const { user } = await signUp({ ctx: anon(), auth, policy: "open", input: { email: e, password: "password1", name: "T" } });
    await expectDomainError(tokenForCredentials({ ctx: anon(), auth, input: { email: e, password: "wrong-password" } }), "UNAUTHORIZED");
    await expectDomainError(tokenForCredentials({ ctx: anon(), auth, input: { email: email(), password: "password1" } }), "UNAUTHORIZED");
    const issued = await tokenForCredentials({ ctx: anon(), auth, input: { email: e, password: "password1", name: "ci" } });
    expect(issued.token).toMatch(/^ty_/);
    const actor = await authenticateToken(h.db, issued.token);
    expect(actor?.userId).toBe(user.id);
    // Only the hash is stored.
    const [row] = await h.db.select().from(apiTokens).where(eq(apiTokens.id, issued.id));
    expect(row!.tokenHash).not.toContain(issued.token);
    expect(JSON.stringify(row)).not.toContain(issued.token);
  });

  it("revokes tokens, only the owner's own, and audits create and revoke", async () => {
    const alice = await makeUser(h.db, "alice");
    const mallory = await makeUser(h.db, "mallory");
    const created = await createToken({ ctx: ctxFor(h.db, alice), input: { name: "laptop" } });
    expect(await listTokens({ ctx: ctxFor(h.db, mallory) })).toEqual([]);
    await expectDomainError(revokeToken({ ctx: ctxFor(h.db, mallory), input: { tokenId: created.id } }), "NOT_FOUND");
    expect(await authenticateToken(h.db, created.token)).not.toBeNull();
    await revokeToken({ ctx: ctxFor(h.db, alice), input: { tokenId: created.id } });
    expect(await authenticateToken(h.db, created.token)).toBeNull();
    await expectDomainError(revokeToken({ ctx: ctxFor(h.db, alice), input: { tokenId: created.id } }), "NOT_FOUND");
    const audits = (await auditRows(h.db, null, "token.create")).filter((r) => r.targetId === created.id);
    expect(audits).toHaveLength(1);
    expect((await auditRows(h.db, null, "token.revoke")).filter((r) => r.targetId === created.id)).toHaveLength(1);
  });

  it("rejects unknown, malformed and expired tokens", async () => {
    const alice = await makeUser(h.db, "alice");
    expect(await authenticateToken(h.db, "ty_unknown")).toBeNull();
    expect(await authenticateToken(h.db, "not-a-token")).toBeNull();
    const t = await createToken({ ctx: ctxFor(h.db, alice), input: { name: "short", expiresInDays: 1 } });
    await h.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, t.id));
    expect(await authenticateToken(h.db, t.token)).toBeNull();
  });
});
