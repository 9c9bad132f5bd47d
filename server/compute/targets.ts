import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { ServiceContext } from "../context";
import { conflict, isUniqueViolation, notFound } from "../errors";
import { createId } from "../ids";
import { teamAccess } from "../teams/access";
import { TeamRef } from "../teams/schemas";
import { AgentHeartbeatInput, RegisterTargetInput, TargetRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
type TargetRow = typeof computeTargets.$inferSelect;

/** A target is online while its agent heartbeats; past this it is shown offline. */
export const HEARTBEAT_TIMEOUT_MS = 30_000;

export function targetStatus(t: Pick<TargetRow, "lastHeartbeatAt">, now = Date.now()): "online" | "offline" | "never_seen" {
  if (!t.lastHeartbeatAt) return "never_seen";
  return now - t.lastHeartbeatAt.getTime() <= HEARTBEAT_TIMEOUT_MS ? "online" : "offline";
}

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

export async function listTargets({ ctx, input }: Verb<TeamRef>) {
  const { team } = await teamAccess(ctx, TeamRef.parse(input), "team:read");
  const rows = await ctx.db.select().from(computeTargets).where(eq(computeTargets.teamId, team.id)).orderBy(asc(computeTargets.name));
  const now = Date.now();
  return rows.map((t) => publicTarget(t, now));
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
