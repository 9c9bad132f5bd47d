import { count } from "drizzle-orm";
import { users } from "@/db/schema";
import type { ServiceContext } from "../context";
import type { Auth } from "./auth";
import { signUp } from "./sign-up";

/** With TRAINYARD_ADMIN_EMAIL/PASSWORD set and no user yet, creates that admin (any sign-up policy). */
export async function bootstrapAdmin(ctx: ServiceContext, auth: Auth, email?: string, password?: string) {
  if (!email || !password) return null;
  const [row] = await ctx.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  const { user } = await signUp({ ctx, auth, policy: "open", input: { email, password, name: "Admin" } });
  ctx.log.info({ email: user.email }, "created the instance admin from TRAINYARD_ADMIN_EMAIL");
  return user;
}
