import { and, eq } from "drizzle-orm";
import { accounts, users } from "@/db/schema";
import type { Actor, ServiceContext } from "../context";
import { unauthorized } from "../errors";
import { createToken } from "../tokens/tokens";
import type { Auth } from "./auth";
import { TokenForCredentialsInput } from "./schemas";

/** Checks an email and password with better-auth's own hasher, without opening a session. */
export async function verifyCredentials(ctx: ServiceContext, auth: Auth, email: string, password: string) {
  const [row] = await ctx.db
    .select({ user: users, hash: accounts.password })
    .from(users)
    .innerJoin(accounts, and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential")))
    .where(eq(users.email, email.toLowerCase()))
    .limit(1);
  const authCtx = await auth.$context;
  const ok = row?.hash ? await authCtx.password.verify({ hash: row.hash, password }) : false;
  if (!row || !ok) throw unauthorized("Invalid email or password");
  const actor: Actor = {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    isAdmin: row.user.isAdmin,
    via: "token",
  };
  return actor;
}

/** Automation's way to get a personal API token from credentials (POST /api/v1/auth/token). */
export async function tokenForCredentials({
  ctx,
  input,
  auth,
}: {
  ctx: ServiceContext;
  input: TokenForCredentialsInput;
  auth: Auth;
}) {
  const data = TokenForCredentialsInput.parse(input);
  const actor = await verifyCredentials(ctx, auth, data.email, data.password);
  return createToken({ ctx: { ...ctx, actor }, input: { name: data.name } });
}
