import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { SignupPolicy } from "@/db/schema/enums";
import { writeAudit } from "../audit/write-audit";
import type { Actor, ServiceContext } from "../context";
import { conflict, forbidden, validation } from "../errors";
import { acceptInvite, isInviteOpen } from "../teams/invites";
import type { Auth } from "./auth";
import { SignUpInput } from "./schemas";

export interface SignUpResult {
  user: { id: string; email: string; name: string; isAdmin: boolean };
  /** Set-Cookie headers of the new session, for transports that answer a browser. */
  headers: Headers;
  joined?: { teamSlug: string; role: string };
}

/** The one way in for a new account (form, REST, bootstrap), so the sign-up policy holds everywhere. */
export async function signUp({
  ctx,
  input,
  auth,
  policy,
}: {
  ctx: ServiceContext;
  input: SignUpInput;
  auth: Auth;
  policy: SignupPolicy;
}): Promise<SignUpResult> {
  const data = SignUpInput.parse(input);
  if (policy === "closed") throw forbidden("Sign-up is closed on this instance; ask an admin to add you");
  if (policy === "invite" && !(data.inviteToken && (await isInviteOpen(ctx, data.inviteToken)))) {
    throw forbidden("Sign-up on this instance needs a valid invite link");
  }
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
  if (existing) throw conflict("An account with this email already exists");

  let result;
  try {
    result = await auth.api.signUpEmail({
      body: { name: data.name, email: data.email, password: data.password },
      returnHeaders: true,
    });
  } catch (error) {
    if (error instanceof APIError) {
      if (error.status === "UNPROCESSABLE_ENTITY" && /exist/i.test(error.message)) {
        throw conflict("An account with this email already exists");
      }
      throw validation(error.message || "Invalid sign-up");
    }
    throw error;
  }
  const created = result.response.user as { id: string; email: string; name: string; isAdmin?: boolean };
  const user = { id: created.id, email: created.email, name: created.name, isAdmin: created.isAdmin === true };
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session" };
  await writeAudit(ctx.db, actor, {
    action: "user.signup",
    targetType: "user",
    targetId: user.id,
    data: { admin: user.isAdmin },
  });
  const joined = data.inviteToken
    ? await acceptInvite({ ctx: { ...ctx, actor }, input: { token: data.inviteToken } })
    : undefined;
  return { user, headers: result.headers, joined };
}
