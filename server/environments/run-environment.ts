import { eq } from "drizzle-orm";
import { reproductions, runEnvironments } from "@/db/schema";
import type { ServiceContext } from "../context";
import { runAccess } from "../tracking/access";
import { environmentDrift } from "./drift";
import { environmentVersion } from "./environments";

/**
 * A run's environment: the version it declared, what the agent captured, where the two differ
 * (and, for a reproduction, where it differs from the original), and the reproduction's verdict.
 */
export async function runEnvironment({ ctx, input }: { ctx: ServiceContext; input: { runId: string } }) {
  const { run } = await runAccess(ctx, input.runId, "team:read");
  const [declared, [captured], [reproduction], reproducedBy] = await Promise.all([
    run.environmentVersionId ? environmentVersion(ctx.db, run.environmentVersionId) : Promise.resolve(null),
    ctx.db.select().from(runEnvironments).where(eq(runEnvironments.runId, run.id)),
    ctx.db.select().from(reproductions).where(eq(reproductions.runId, run.id)),
    ctx.db.select().from(reproductions).where(eq(reproductions.ofRunId, run.id)),
  ]);
  const [original] = reproduction ? await ctx.db.select().from(runEnvironments).where(eq(runEnvironments.runId, reproduction.ofRunId)) : [];
  return {
    declared,
    captured: captured ?? null,
    drift: environmentDrift(declared?.spec ?? null, captured?.captured ?? null, original?.captured ?? null),
    reproduction: reproduction ?? null,
    reproducedBy,
  };
}
