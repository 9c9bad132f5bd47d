import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { writeAudit } from "../audit/write-audit";
import { requireActor } from "../auth/actor";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Actor, ServiceContext } from "../context";
import { notFound } from "../errors";
import { createId } from "../ids";
import { CreateTokenInput, RevokeTokenInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

const TOKEN_PREFIX = "ty";

/** A personal API token acts as its user, with exactly the user's permissions. */
export async function createToken({ ctx, input }: Verb<CreateTokenInput>) {
  const actor = requireActor(ctx);
  const data = CreateTokenInput.parse(input);
  const token = generateSecret(TOKEN_PREFIX);
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        id: createId("tok"),
        userId: actor.userId,
        name: data.name,
        tokenHash: hashSecret(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 7),
        expiresAt,
      })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, expiresAt: apiTokens.expiresAt });
    await writeAudit(tx, actor, {
      action: "token.create",
      targetType: "api_token",
      targetId: row!.id,
      data: { name: data.name },
    });
    return { ...row!, token };
  });
}

export async function listTokens({ ctx }: { ctx: ServiceContext }) {
  const actor = requireActor(ctx);
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.runId)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeToken({ ctx, input }: Verb<RevokeTokenInput>) {
  const actor = requireActor(ctx);
  const { tokenId } = RevokeTokenInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw notFound("Active token");
    await writeAudit(tx, actor, { action: "token.revoke", targetType: "api_token", targetId: row.id });
    return row;
  });
}

// last_used_at is advisory: refreshed at most once a minute so that every request is not a write.
const LAST_USED_GRANULARITY_MS = 60_000;

// Every API request looks its token up. Prepared once per database: drizzle builds the SQL once,
// and PostgreSQL parses and plans the named statement once per connection. Nothing is cached
// but the statement: each request still reads the token row, so a revocation counts at once.
const tokenLookups = new WeakMap<DbOrTx, ReturnType<typeof prepareTokenLookup>>();

function prepareTokenLookup(db: DbOrTx) {
  return db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, runId: apiTokens.runId, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder("now"))),
      ),
    )
    .limit(1)
    .prepare("auth_token_lookup");
}

/** Resolves a bearer token to its user, or null when it is unknown, revoked or expired. */
export async function authenticateToken(db: DbOrTx, token: string): Promise<Actor | null> {
  if (!token.startsWith(`${TOKEN_PREFIX}_`)) return null;
  const now = new Date();
  let lookup = tokenLookups.get(db);
  if (!lookup) tokenLookups.set(db, (lookup = prepareTokenLookup(db)));
  const [row] = await lookup.execute({ hash: hashSecret(token), now });
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  const { user } = row;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    via: "token",
    ...(row.runId ? { runScope: row.runId } : {}),
  };
}

/**
 * A job's token: it acts for the job's submitter on that run only (see requireRunActor). Each
 * attempt gets a fresh one; the previous ones are revoked with it.
 */
export async function issueRunToken(tx: DbOrTx, { userId, runId, jobId, attempt }: { userId: string; runId: string; jobId: string; attempt: number }) {
  await revokeRunTokens(tx, runId);
  const token = generateSecret(TOKEN_PREFIX);
  await tx.insert(apiTokens).values({
    id: createId("tok"),
    userId,
    runId,
    name: `job ${jobId} attempt ${attempt}`,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 7),
  });
  return token;
}

export async function revokeRunTokens(tx: DbOrTx, runId: string) {
  await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.runId, runId), isNull(apiTokens.revokedAt)));
}
