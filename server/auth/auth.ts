import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, sessions, users, verifications } from "@/db/schema";
import { createId } from "../ids";

const idPrefixes: Record<string, string> = { user: "usr", session: "ses", account: "acc", verification: "ver" };

export interface AuthOptions {
  secret: string;
  baseURL?: string;
}

/**
 * better-auth owns password hashing (scrypt), sessions and cookies; we keep its tables in our
 * drizzle schema. Sign-up over its own HTTP route is disabled: every sign-up goes through our
 * `signUp` verb, which applies the instance's sign-up policy first.
 */
export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
    secret: options.secret,
    baseURL: options.baseURL,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    disabledPaths: ["/sign-up/email"],
    // Without a configured public URL, accept same-origin requests for whatever address the browser
    // used (localhost, 127.0.0.1, a LAN IP): the Origin must equal the Host it was sent to, which a
    // cross-site request cannot forge.
    trustedOrigins: options.baseURL ? [] : (request) => (request ? [sameOrigin(request)] : []),
    user: { additionalFields: { isAdmin: { type: "boolean", defaultValue: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    advanced: {
      // Secure cookies only behind https: a studio served over plain http on a lab network must work.
      useSecureCookies: options.baseURL?.startsWith("https://") ?? false,
      database: { generateId: ({ model }) => createId(idPrefixes[model] ?? model.slice(0, 3)) },
    },
    databaseHooks: {
      user: {
        create: {
          // The first account on a fresh install becomes the instance admin.
          before: async (user) => {
            const [row] = await db.select({ n: count() }).from(users);
            return { data: { ...user, email: user.email.toLowerCase(), isAdmin: (row?.n ?? 0) === 0 } };
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

function sameOrigin(request: Request): string | null {
  const host = request.headers.get("host");
  if (!host) return null;
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}

export type Auth = ReturnType<typeof createAuth>;
