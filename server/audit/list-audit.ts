import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { requireActor } from "../auth/actor";
import type { ServiceContext } from "../context";
import { teamAccess } from "../teams/access";
import { ListTeamAuditInput } from "./schemas";

const columns = {
  id: auditLog.id,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  projectId: auditLog.projectId,
  data: auditLog.data,
  createdAt: auditLog.createdAt,
  actorUserId: auditLog.actorUserId,
  actorEmail: users.email,
  actorName: users.name,
};

export async function listTeamAudit({ ctx, input }: { ctx: ServiceContext; input: ListTeamAuditInput }) {
  const { teamSlug, limit, before } = ListTeamAuditInput.parse(input);
  const { team } = await teamAccess(ctx, { teamSlug }, "audit:read");
  return ctx.db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.teamId, team.id), before ? lt(auditLog.id, before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** The actor's own account-level records (API tokens), which belong to no team. */
export async function listMyAudit({ ctx }: { ctx: ServiceContext }) {
  const actor = requireActor(ctx);
  return ctx.db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.actorUserId, actor.userId), isNull(auditLog.teamId)))
    .orderBy(desc(auditLog.id))
    .limit(50);
}
