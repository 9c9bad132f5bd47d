import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { projects, runs, teamMembers, teams } from "@/db/schema";
import { requireRunActor } from "../auth/actor";
import type { Scope } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { preconditionFailed } from "../errors";
import { checkRole, type ProjectAccess } from "../teams/access";

export interface RunAccess extends ProjectAccess {
  run: typeof runs.$inferSelect;
}

// Every write of a metric batch, log batch or artifact checks its run: prepared once per database,
// so drizzle builds the SQL once and PostgreSQL plans the named statement once per connection.
// Nothing but the statement is kept; every call reads the rows as they are now.
const lookups = new WeakMap<DbOrTx, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: DbOrTx) {
  return db
    .select({ run: runs, project: projects, team: teams, role: teamMembers.role })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, sql.placeholder("userId"))))
    .where(eq(runs.id, sql.placeholder("runId")))
    .limit(1)
    .prepare("run_access_lookup");
}

/**
 * Loads a run with its project and the actor's role; another team's run is NOT_FOUND. A deleted
 * run takes no writes until it is restored.
 */
export async function runAccess(ctx: ServiceContext, runId: string, scope: Scope, options: { allowDeleted?: boolean } = {}): Promise<RunAccess> {
  const actor = requireRunActor(ctx, runId);
  let lookup = lookups.get(ctx.db);
  if (!lookup) lookups.set(ctx.db, (lookup = prepareLookup(ctx.db)));
  const [row] = await lookup.execute({ runId, userId: actor.userId });
  const role = checkRole(row?.role ?? undefined, scope, "Run");
  if (scope !== "team:read" && row!.run.deletedAt && !options.allowDeleted) {
    throw preconditionFailed(`The run ${runId} must be in the 'active' state. Current state is deleted.`);
  }
  return { actor, role, run: row!.run, project: row!.project, team: row!.team };
}
