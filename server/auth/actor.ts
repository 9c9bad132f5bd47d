import type { Actor, ServiceContext } from "../context";
import { forbidden, unauthorized } from "../errors";

/** The acting user. A job's run-scoped token is refused here; only runAccess admits it. */
export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  if (ctx.actor.runScope) throw forbidden("This token belongs to a job and may only use its own run");
  return ctx.actor;
}

/** Like requireActor, but also admits a job's token for its own run. */
export function requireRunActor(ctx: ServiceContext, runId: string): Actor {
  if (!ctx.actor) throw unauthorized();
  if (ctx.actor.runScope && ctx.actor.runScope !== runId) throw forbidden("This token belongs to a job and may only use its own run");
  return ctx.actor;
}
