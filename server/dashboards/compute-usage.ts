import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { computeTargets, jobAttempts, jobs, users } from "@/db/schema";
import type { ServiceContext } from "../context";
import { projectAccess } from "../teams/access";
import { ComputeUsageInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

const DAY_MS = 86_400_000;

/**
 * GPU-hours a project's jobs used over the last `days`, by the user who launched them or by the
 * compute target they ran on: for every attempt that started, its GPU count × the part of
 * [started, ended or now] inside the window. Attempts without GPUs are left out.
 */
export async function computeUsage({ ctx, input }: Verb<ComputeUsageInput>, now = new Date()) {
  const data = ComputeUsageInput.parse(input);
  const { project } = await projectAccess(ctx, data.projectId, "team:read");
  const from = new Date(now.getTime() - data.days * DAY_MS);
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const end = sql`least(coalesce(${jobAttempts.endedAt}, ${nowAt}), ${nowAt})`;
  const start = sql`greatest(${jobAttempts.startedAt}, ${fromAt})`;
  const gpus = sql`jsonb_array_length(${jobAttempts.gpus})`;
  const gpuHours = sql<number>`coalesce(sum(${gpus} * extract(epoch from (${end} - ${start})) / 3600.0), 0)::float8`.mapWith(Number);
  const byUser = data.groupBy === "user";
  const key = byUser ? jobs.createdBy : jobAttempts.targetId;
  const label = byUser ? users.name : computeTargets.name;
  const base = ctx.db
    .select({
      key,
      label,
      gpuHours,
      jobs: sql<number>`count(distinct ${jobs.id})::int`.mapWith(Number),
      running: sql<number>`count(*) filter (where ${jobAttempts.endedAt} is null)::int`.mapWith(Number),
    })
    .from(jobAttempts)
    .innerJoin(jobs, eq(jobs.id, jobAttempts.jobId));
  const joined = byUser
    ? base.leftJoin(users, eq(users.id, jobs.createdBy))
    : base.leftJoin(computeTargets, eq(computeTargets.id, jobAttempts.targetId));
  const groups = await joined
    .where(
      and(
        eq(jobs.projectId, project.id),
        isNotNull(jobAttempts.startedAt),
        sql`${gpus} > 0`,
        sql`${jobAttempts.startedAt} < ${nowAt}`,
        sql`coalesce(${jobAttempts.endedAt}, ${nowAt}) > ${fromAt}`,
      ),
    )
    .groupBy(key, label)
    .orderBy(desc(gpuHours));
  return {
    groupBy: data.groupBy,
    days: data.days,
    from,
    to: now,
    totalGpuHours: groups.reduce((sum, g) => sum + g.gpuHours, 0),
    groups,
  };
}
export type ComputeUsage = Awaited<ReturnType<typeof computeUsage>>;
