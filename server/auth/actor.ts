import type { Actor, ServiceContext } from "../context";
import { unauthorized } from "../errors";

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}
