import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { promotionPolicies } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { ServiceContext } from "../context";
import { notFound } from "../errors";
import { projectAccess } from "../teams/access";
import { PolicyInput, PolicyRef, type PolicyCheck } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

export interface EffectivePolicy {
  alias: string;
  requiredApprovals: number;
  checks: PolicyCheck[];
  /** An alias with a policy moves only through a reviewed promotion request. */
  protected: boolean;
}

/** Without a policy, a request still needs one reviewer's approval, and no checks. */
export async function effectivePolicy(db: DbOrTx, projectId: string, alias: string): Promise<EffectivePolicy> {
  const [row] = await db
    .select()
    .from(promotionPolicies)
    .where(and(eq(promotionPolicies.projectId, projectId), eq(promotionPolicies.alias, alias)));
  return row
    ? { alias, requiredApprovals: row.requiredApprovals, checks: row.checks as PolicyCheck[], protected: true }
    : { alias, requiredApprovals: 1, checks: [], protected: false };
}

export async function listPolicies({ ctx, input }: Verb<{ projectId: string }>) {
  const { project } = await projectAccess(ctx, input.projectId, "team:read");
  return ctx.db.select().from(promotionPolicies).where(eq(promotionPolicies.projectId, project.id)).orderBy(asc(promotionPolicies.alias));
}

export async function setPolicy({ ctx, input }: Verb<PolicyInput>) {
  const data = PolicyInput.parse(input);
  const { project, actor } = await projectAccess(ctx, data.projectId, "promotions:policy");
  return ctx.db.transaction(async (tx) => {
    const values = { requiredApprovals: data.requiredApprovals, checks: data.checks, updatedBy: actor.userId };
    const [row] = await tx
      .insert(promotionPolicies)
      .values({ projectId: project.id, alias: data.alias, ...values })
      .onConflictDoUpdate({ target: [promotionPolicies.projectId, promotionPolicies.alias], set: { ...values, updatedAt: new Date() } })
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "promotion_policy.set",
      targetType: "promotion_policy",
      targetId: `${project.id}:${data.alias}`,
      data: { alias: data.alias, requiredApprovals: data.requiredApprovals, checks: data.checks },
    });
    return row!;
  });
}

export async function deletePolicy({ ctx, input }: Verb<{ projectId: string; alias: string }>) {
  const data = PolicyRef.parse(input);
  const { project, actor } = await projectAccess(ctx, data.projectId, "promotions:policy");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(promotionPolicies)
      .where(and(eq(promotionPolicies.projectId, project.id), eq(promotionPolicies.alias, data.alias)))
      .returning();
    if (!row) throw notFound(`Policy for "${data.alias}"`);
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "promotion_policy.delete",
      targetType: "promotion_policy",
      targetId: `${project.id}:${data.alias}`,
      data: { alias: data.alias },
    });
    return { alias: data.alias };
  });
}
