import type { DbOrTx } from "@/db/client";
import { logger, type Logger } from "./logger";

export interface Actor {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** How the actor proved who they are: a browser session or a personal API token. */
  via: "session" | "token";
  /** Set for a job's token: it may read and write this one run and nothing else. */
  runScope?: string;
}

/** Who is acting, against which database (or transaction): every verb takes one. */
export interface ServiceContext {
  db: DbOrTx;
  actor: Actor | null;
  log: Logger;
}

export function serviceContext(db: DbOrTx, actor: Actor | null, log: Logger = logger): ServiceContext {
  return { db, actor, log };
}

export function withDb(ctx: ServiceContext, db: DbOrTx): ServiceContext {
  return { ...ctx, db };
}
