import type { Actor } from "../context";
import type { Runtime } from "../runtime";
import { authenticateToken } from "../tokens/tokens";

/**
 * Who sent a request: an API token when present (and then only it), else the session cookie. The
 * token comes as a bearer token, or as the password of basic auth (what MLflow clients send when
 * given MLFLOW_TRACKING_USERNAME/PASSWORD); the basic-auth user name is not checked.
 */
export async function actorFromHeaders(rt: Runtime, headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const token = tokenOf(authorization);
    return token ? authenticateToken(rt.handle.db, token) : null;
  }
  const session = await rt.auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { isAdmin?: boolean };
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin === true, via: "session" };
}

function tokenOf(authorization: string): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}
