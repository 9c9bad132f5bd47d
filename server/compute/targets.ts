import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { ServiceContext } from "../context";
import { conflict, isUniqueViolation, notFound } from "../errors";
import { createId } from "../ids";
import { teamAccess } from "../teams/access";
import { TeamRef } from "../teams/schemas";
import { activeJobsOn, snapshotOf, visibleToTeam } from "./allocations";
import { targetStatus } from "./health";
import { AgentHeartbeatInput, RegisterTargetInput, TargetRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
type TargetRow = typeof computeTargets.$inferSelect;


/** Registers a target and returns its agent token once; only the token's hash is kept. */
export async function registerTarget({ ctx, input }: Verb<RegisterTargetInput>) {
  const { team, actor } = await teamAccess(ctx, TeamRef.parse(input), "compute:admin");
  const data = RegisterTargetInput.parse(input);
  const token = generateSecret("tya");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [target] = await tx
        .insert(computeTargets)
        .values({
          id: createId("cmp"),
          teamId: team.id,
          name: data.name,
          kind: data.kind,
          labels: data.labels,
          tokenHash: hashSecret(token),
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, actor, {
        teamId: team.id,
        action: "compute.register",
        targetType: "compute_target",
        targetId: target!.id,
        data: { name: data.name, kind: data.kind, labels: data.labels },
      });
      return { target: target!, registrationToken: token };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Team ${team.slug} already has a compute target "${data.name}"`);
    throw error;
  }
}

export function publicTarget(t: TargetRow, now = Date.now()) {
  const { tokenHash: _secret, ...rest } = t;
  return { ...rest, status: targetStatus(t, now) };
}

/**
 * The targets a team may use (its own and shared ones) with health, allocated GPUs and the team's
 * jobs on each. Another team's jobs on a shared target count as allocated but are not named.
 */
export async function listTargets({ ctx, input }: Verb<TeamRef>) {
  const { team } = await teamAccess(ctx, TeamRef.parse(input), "team:read");
  const rows = await ctx.db.select().from(computeTargets).where(visibleToTeam(team.id)).orderBy(asc(computeTargets.name));
  const active = await activeJobsOn(
    ctx.db,
    rows.map((t) => t.id),
  );
  const now = Date.now();
  return rows.map((t) => {
    const jobsHere = active.get(t.id) ?? [];
    return {
      ...publicTarget(t, now),
      shared: t.teamId === null,
      allocatedGpus: snapshotOf(t, jobsHere, now).allocated.sort((a, b) => a - b),
      jobs: jobsHere.filter((j) => j.teamId === team.id).map(({ id, projectId, runId, state, gpus }) => ({ id, projectId, runId, state, gpus })),
    };
  });
}

export async function removeTarget({ ctx, input }: Verb<TargetRef>) {
  const data = TargetRef.parse(input);
  const { team, actor } = await teamAccess(ctx, data, "compute:admin");
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(computeTargets)
      .where(and(eq(computeTargets.id, data.targetId), eq(computeTargets.teamId, team.id)))
      .returning({ id: computeTargets.id, name: computeTargets.name });
    if (!gone) throw notFound("Compute target");
    await writeAudit(tx, actor, { teamId: team.id, action: "compute.remove", targetType: "compute_target", targetId: gone.id, data: { name: gone.name } });
    return gone;
  });
}

/** The target an agent token belongs to, or null. Agents are not users: they act only as their target. */
export async function authenticateAgent(db: DbOrTx, token: string): Promise<TargetRow | null> {
  if (!token.startsWith("tya_")) return null;
  const [row] = await db.select().from(computeTargets).where(eq(computeTargets.tokenHash, hashSecret(token))).limit(1);
  return row ?? null;
}

/** Records what the agent reports (host, GPU inventory, utilisation) and that it is alive. */
export async function agentHeartbeat({ db, target, input }: { db: DbOrTx; target: TargetRow; input: AgentHeartbeatInput }) {
  const data = AgentHeartbeatInput.parse(input);
  const [row] = await db
    .update(computeTargets)
    .set({
      lastHeartbeatAt: new Date(),
      ...(data.host ? { host: data.host } : {}),
      ...(data.gpus ? { gpus: data.gpus } : {}),
      ...(data.gpuSamples ? { gpuSamples: data.gpuSamples } : {}),
    })
    .where(eq(computeTargets.id, target.id))
    .returning();
  return publicTarget(row!);
}

/**
 * The shared `local` target that `npm run up` registers for the agent it starts beside the server:
 * the token comes from that launcher, so each start rotates it.
 */
export async function ensureLocalTarget(db: DbOrTx, token: string) {
  const tokenHash = hashSecret(token);
  const [existing] = await db
    .select({ id: computeTargets.id })
    .from(computeTargets)
    .where(and(isNull(computeTargets.teamId), eq(computeTargets.name, "local")))
    .limit(1);
  if (existing) {
    await db.update(computeTargets).set({ tokenHash }).where(eq(computeTargets.id, existing.id));
    return existing.id;
  }
  const id = createId("cmp");
  await db.insert(computeTargets).values({ id, teamId: null, name: "local", kind: "agent", labels: { local: "true" }, tokenHash });
  return id;
}
