import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets, jobs } from "@/db/schema";
import { activeJobStates } from "@/db/schema/enums";
import type { TargetSnapshot } from "./placement";
import { targetStatus } from "./health";

type TargetRow = typeof computeTargets.$inferSelect;

/** The targets a team's jobs may use: its own and the instance's shared ones. */
export const visibleToTeam = (teamId: string) => or(eq(computeTargets.teamId, teamId), isNull(computeTargets.teamId));

export interface ActiveJob {
  id: string;
  teamId: string;
  projectId: string;
  runId: string;
  targetId: string;
  state: string;
  gpus: number[];
}

/** Assigned and running jobs per target: what holds each target's GPUs now. */
export async function activeJobsOn(db: DbOrTx, targetIds: string[]): Promise<Map<string, ActiveJob[]>> {
  const byTarget = new Map<string, ActiveJob[]>();
  if (targetIds.length === 0) return byTarget;
  const rows = await db
    .select({
      id: jobs.id,
      teamId: jobs.teamId,
      projectId: jobs.projectId,
      runId: jobs.runId,
      targetId: jobs.assignedTargetId,
      state: jobs.state,
      gpus: jobs.allocatedGpus,
    })
    .from(jobs)
    .where(and(inArray(jobs.assignedTargetId, targetIds), inArray(jobs.state, [...activeJobStates])))
    .orderBy(asc(jobs.assignedAt));
  for (const row of rows) {
    const job = { ...row, targetId: row.targetId! };
    const list = byTarget.get(job.targetId);
    if (list) list.push(job);
    else byTarget.set(job.targetId, [job]);
  }
  return byTarget;
}

export function snapshotOf(target: TargetRow, active: ActiveJob[], now = Date.now()): TargetSnapshot {
  return {
    id: target.id,
    name: target.name,
    online: targetStatus(target, now) === "online",
    labels: target.labels,
    gpus: target.gpus.map((g) => ({ index: g.index, name: g.name, memoryMb: g.memoryMb })),
    allocated: active.flatMap((j) => j.gpus),
    cpus: target.host.cpus,
    memoryMb: target.host.memoryMb,
    explicitOnly: target.kind === "slurm",
  };
}

/** Every target a team may use, with what is allocated on it, for placement decisions. */
export async function teamTargetSnapshots(db: DbOrTx, teamId: string): Promise<TargetSnapshot[]> {
  const targets = await db.select().from(computeTargets).where(visibleToTeam(teamId)).orderBy(asc(computeTargets.name));
  const active = await activeJobsOn(
    db,
    targets.map((t) => t.id),
  );
  const now = Date.now();
  return targets.map((t) => snapshotOf(t, active.get(t.id) ?? [], now));
}
