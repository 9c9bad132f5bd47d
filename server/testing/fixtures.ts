import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { DbHandle, DbOrTx } from "@/db/client";
import { auditLog, teamMembers, users } from "@/db/schema";
import type { TeamRole } from "@/db/schema/enums";
import { and, eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../context";
import { serviceContext } from "../context";
import { DomainError, type DomainErrorCode } from "../errors";
import { createId } from "../ids";
import { logger } from "../logger";
import { createAuth } from "../auth/auth";
import type { Runtime } from "../runtime";
import { localBlobStore } from "../storage/local-blob-store";
import { createTeam } from "../teams/teams";

const silent = logger.child({}, { level: "silent" });

/** A name no other test uses, so tests can share one database. */
export function uniq(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/** Inserts a user row directly: most tests need an actor, not a password. */
export async function makeUser(db: DbOrTx, name = "user"): Promise<Actor> {
  const email = `${uniq(name)}@example.test`;
  const [row] = await db.insert(users).values({ id: createId("usr"), name, email }).returning();
  return { userId: row!.id, email: row!.email, name: row!.name, isAdmin: false, via: "session" };
}

export function ctxFor(db: DbOrTx, actor: Actor | null): ServiceContext {
  return serviceContext(db, actor, silent);
}

/** A team owned by a fresh owner, with one extra member per requested role. */
export async function teamWithRoles(db: DbOrTx, roles: TeamRole[] = []) {
  const owner = await makeUser(db, "owner");
  const team = await createTeam({ ctx: ctxFor(db, owner), input: { name: "Team", slug: uniq("team") } });
  const members: Actor[] = [];
  for (const role of roles) {
    const user = await makeUser(db, role);
    await db.insert(teamMembers).values({ teamId: team.id, userId: user.userId, role });
    members.push(user);
  }
  return { team, owner, members };
}

export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

export async function auditRows(db: DbOrTx, teamId: string | null, action: string) {
  return db
    .select()
    .from(auditLog)
    .where(teamId ? and(eq(auditLog.teamId, teamId), eq(auditLog.action, action)) : eq(auditLog.action, action));
}

/** What a server process holds, over a test database and a throwaway artifact folder. */
export function testRuntime(handle: DbHandle): Runtime {
  const secret = "t".repeat(32);
  return {
    handle,
    secret,
    auth: createAuth(handle.db, { secret }),
    blobs: localBlobStore(mkdtempSync(path.join(tmpdir(), "trainyard-blobs-"))),
  };
}

/** A request body stream of one chunk, for verbs that take uploads (artifacts). */
export async function* textBody(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A JSON POST with a bearer token, for calling a route handler directly. */
export const jsonPost = (body: unknown, token: string) =>
  new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

/** The route context of a handler under /teams/{teamSlug}. */
export const teamParams = (teamSlug: string) => ({ params: Promise.resolve({ teamSlug }) });
