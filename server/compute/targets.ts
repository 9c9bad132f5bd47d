import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { ServiceContext } from "../context";
import { conflict, isUniqueViolation, notFound, validation } from "../errors";
import { createId } from "../ids";
import { teamAccess } from "../teams/access";
import { TeamRef } from "../teams/schemas";
import { activeJobsOn, snapshotOf, visibleToTeam } from "./allocations";
import { targetStatus } from "./health";
import { AgentHeartbeatInput, RegisterTargetInput, TargetRef, UpdateSlurmTokenInput } from "./schemas";
import { clusterPatch, readCluster, sealSlurmToken } from "./slurm/cluster";
import { healthSummary, nodeIsUp } from "./slurm/inventory";
import { RestdClient, SlurmError } from "./slurm/restd";

type Verb<I> = { ctx: ServiceContext; input: I };
type TargetRow = typeof computeTargets.$inferSelect;


/**
 * Registers a target. An agent target's token is returned once (only its hash is kept). A Slurm
 * target is read through its slurmrestd first, so a wrong URL, token or partition is refused here
 * with the reason; its JWT is stored sealed and never returned.
 */
export async function registerTarget({ ctx, input, serverSecret }: Verb<RegisterTargetInput> & { serverSecret?: string }) {
  const { team, actor } = await teamAccess(ctx, TeamRef.parse(input), "compute:admin");
  const data = RegisterTargetInput.parse(input);
  if (data.kind === "slurm" && !data.slurm) throw validation("A Slurm target needs its slurmrestd URL, user, token, partition and working directory");
  if (data.kind !== "slurm" && data.slurm) throw validation("Slurm settings belong to a target of kind slurm");
  const id = createId("cmp");
  // A Slurm target has no agent: its token hash is of a secret nobody is given.
  const token = generateSecret("tya");
  let slurm: Partial<typeof computeTargets.$inferInsert> = {};
  if (data.slurm) {
    if (!serverSecret) throw new Error("registering a Slurm target needs the server secret to seal its token");
    const { token: jwt, ...config } = data.slurm;
    try {
      const status = await readCluster(new RestdClient({ ...config, token: jwt }), config);
      slurm = { slurm: config, slurmTokenSealed: sealSlurmToken(serverSecret, id, jwt), ...clusterPatch(status, config) };
    } catch (error) {
      if (error instanceof SlurmError) throw validation(`Could not read the cluster: ${error.message}`);
      throw error;
    }
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [target] = await tx
        .insert(computeTargets)
        .values({
          id,
          teamId: team.id,
          name: data.name,
          kind: data.kind,
          labels: data.labels,
          tokenHash: hashSecret(token),
          createdBy: actor.userId,
          ...slurm,
        })
        .returning();
      await writeAudit(tx, actor, {
        teamId: team.id,
        action: "compute.register",
        targetType: "compute_target",
        targetId: target!.id,
        data: { name: data.name, kind: data.kind, labels: data.labels, ...(slurm.slurm ? { slurm: slurm.slurm } : {}) },
      });
      return { target: target!, registrationToken: data.kind === "agent" ? token : null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Team ${team.slug} already has a compute target "${data.name}"`);
    throw error;
  }
}

/** A target as APIs show it: never its token hash nor its sealed Slurm token. */
export function publicTarget(t: TargetRow, now = Date.now()) {
  const { tokenHash: _secret, slurmTokenSealed: _sealed, ...rest } = t;
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
      /** A Slurm target's health in words and its nodes, each up or not. */
      slurmView: t.slurmStatus ? { health: healthSummary(t.slurmStatus), nodes: t.slurmStatus.nodes.map((n) => ({ ...n, up: nodeIsUp(n) })) } : null,
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

/**
 * Replaces a Slurm target's JWT: the new one is tried against slurmrestd first, then sealed in
 * place of the old one. The token is audited by the fact of its change, never by its value.
 */
export async function updateSlurmToken({ ctx, input, serverSecret }: Verb<UpdateSlurmTokenInput> & { serverSecret: string }) {
  const data = UpdateSlurmTokenInput.parse(input);
  const { team, actor } = await teamAccess(ctx, data, "compute:admin");
  const [target] = await ctx.db
    .select()
    .from(computeTargets)
    .where(and(eq(computeTargets.id, data.targetId), eq(computeTargets.teamId, team.id)));
  if (!target || target.kind !== "slurm" || !target.slurm) throw notFound("Slurm compute target");
  const config = target.slurm;
  let patch: Partial<typeof computeTargets.$inferInsert>;
  try {
    patch = clusterPatch(await readCluster(new RestdClient({ ...config, token: data.token }), config), config);
  } catch (error) {
    if (error instanceof SlurmError) throw validation(`Could not read the cluster with this token: ${error.message}`);
    throw error;
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(computeTargets)
      .set({ ...patch, slurmTokenSealed: sealSlurmToken(serverSecret, target.id, data.token) })
      .where(eq(computeTargets.id, target.id))
      .returning();
    await writeAudit(tx, actor, { teamId: team.id, action: "compute.slurm_token", targetType: "compute_target", targetId: target.id, data: { name: target.name } });
    return publicTarget(row!);
  });
}

/** The target an agent token belongs to, or null. Agents are not users: they act only as their target. */
export async function authenticateAgent(db: DbOrTx, token: string): Promise<TargetRow | null> {
  if (!token.startsWith("tya_")) return null;
  const [row] = await db
    .select()
    .from(computeTargets)
    .where(and(eq(computeTargets.tokenHash, hashSecret(token)), eq(computeTargets.kind, "agent")))
    .limit(1);
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
