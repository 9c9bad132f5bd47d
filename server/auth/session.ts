import type { Actor } from "../context";
import type { Runtime } from "../runtime";
import { authenticateToken } from "../tokens/tokens";

/** Who sent a request: a bearer token when present (and then only it), else the session cookie. */
export async function actorFromHeaders(rt: Runtime, headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? authenticateToken(rt.handle.db, match[1]!) : null;
  }
  const session = await rt.auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { isAdmin?: boolean };
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin === true, via: "session" };
}
