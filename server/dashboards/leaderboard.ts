import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { metricSeries, runParams, runs, users } from "@/db/schema";
import type { ServiceContext } from "../context";
import { projectAccess } from "../teams/access";
import { LeaderboardInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/**
 * The top k runs of a project by one summary (last, min or max) of one metric, each with its
 * params, in one query over the per-series summaries. NaN ranks nowhere (it is left out); ties go
 * to the newer run. `total` counts every run that has a value, so the panel can say "10 of 143".
 */
export async function leaderboard({ ctx, input }: Verb<LeaderboardInput>) {
  const data = LeaderboardInput.parse(input);
  const { project } = await projectAccess(ctx, data.projectId, "team:read");
  const value = { last: metricSeries.lastValue, min: metricSeries.minValue, max: metricSeries.maxValue }[data.stat];
  const rows = await ctx.db
    .select({
      runId: runs.id,
      name: runs.name,
      status: runs.status,
      startedAt: runs.startedAt,
      creatorName: users.name,
      value: sql<number>`${value}`.mapWith(Number),
      lastStep: metricSeries.lastStep,
      params: sql<Record<string, string>>`coalesce((select jsonb_object_agg(${runParams.key}, ${runParams.value}) from ${runParams} where ${runParams.runId} = ${runs.id}), '{}'::jsonb)`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(metricSeries)
    .innerJoin(runs, eq(runs.id, metricSeries.runId))
    .leftJoin(users, eq(users.id, runs.createdBy))
    .where(and(eq(metricSeries.projectId, project.id), eq(metricSeries.key, data.metric), isNotNull(value), sql`${value} <> 'NaN'::float8`))
    .orderBy(data.direction === "desc" ? desc(value) : asc(value), desc(runs.startedAt), asc(runs.id))
    .limit(data.k);
  return {
    metric: data.metric,
    stat: data.stat,
    direction: data.direction,
    total: rows[0]?.total ?? 0,
    rows: rows.map(({ total: _total, ...row }, i) => ({ rank: i + 1, ...row })),
  };
}
export type Leaderboard = Awaited<ReturnType<typeof leaderboard>>;
