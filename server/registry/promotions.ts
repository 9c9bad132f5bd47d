import { and, eq, inArray, lt, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { modelVersions, promotionRequests, promotionReviews, type CheckResult } from "@/db/schema";
import { openPromotionStates, type PromotionState, type ReviewDecision } from "@/db/schema/enums";
import { writeAudit } from "../audit/write-audit";
import type { Actor, ServiceContext } from "../context";
import { conflict, forbidden, isUniqueViolation, preconditionFailed } from "../errors";
import { createId } from "../ids";
import { enqueueWebhookEvent } from "../webhooks/enqueue";
import { wakeWebhookDelivery } from "../webhooks/wake";
import { modelAccess, promotionAccess, type ModelAccess, type PromotionAccess } from "./access";
import { currentHolder, lockModel, moveAlias } from "./aliases";
import { allPassed, evaluateChecks } from "./checks";
import { effectivePolicy } from "./policies";
import { PromotionRef, RequestPromotionInput, ReviewInput } from "./schemas";
import { versionFacts, versionRow, versionToEvent, type ModelVersionRow } from "./versions";

type Verb<I> = { ctx: ServiceContext; input: I };
type PromotionRow = typeof promotionRequests.$inferSelect;

const isOpen = (state: PromotionState) => (openPromotionStates as readonly string[]).includes(state);

/** Evaluates the alias's policy on the request's version against the alias's holder now. */
export async function judgePromotion(db: DbOrTx, promotion: PromotionRow) {
  const policy = await effectivePolicy(db, promotion.projectId, promotion.alias);
  const [version] = await db.select().from(modelVersions).where(eq(modelVersions.id, promotion.versionId));
  const holder = await currentHolder(db, promotion.modelId, promotion.alias);
  const [candidate, current] = await versionFacts(db, holder ? [version!, holder] : [version!]);
  const checks = evaluateChecks(policy.checks, candidate!, current ?? null);
  const reviews = await db.select().from(promotionReviews).where(eq(promotionReviews.promotionId, promotion.id));
  const approvals = reviews.filter((r) => r.decision === "approve").length;
  return { policy, version: version!, holder, checks, approvals, reviews };
}

function failingText(checks: CheckResult[]): string {
  return checks
    .filter((c) => !c.passed)
    .map((c) => `${c.label} (got ${c.value})`)
    .join("; ");
}

/**
 * Applies the request when it has its approvals and every check passes, judged now inside the
 * caller's transaction (which holds the model's lock, then the request's). Otherwise records the
 * checks and leaves it open, or `approved` while only checks hold it back.
 */
async function settle(tx: DbOrTx, actor: Actor, access: Pick<ModelAccess, "model" | "team">, promotion: PromotionRow) {
  const judged = await judgePromotion(tx, promotion);
  const approved = judged.approvals >= judged.policy.requiredApprovals;
  if (!approved || !allPassed(judged.checks)) {
    const state: PromotionState = approved ? "approved" : "open";
    const [row] = await tx.update(promotionRequests).set({ checks: judged.checks, state }).where(eq(promotionRequests.id, promotion.id)).returning();
    return { promotion: row!, applied: false as const, judged };
  }
  const previous = await moveAlias(tx, actor, {
    teamId: access.team.id,
    model: access.model,
    alias: promotion.alias,
    to: judged.version,
    promotionId: promotion.id,
  });
  const now = new Date();
  const [row] = await tx
    .update(promotionRequests)
    .set({ checks: judged.checks, state: "applied", previousVersionId: previous?.id ?? null, closedAt: now })
    .where(eq(promotionRequests.id, promotion.id))
    .returning();
  // Older requests for the same alias lost their purpose once it moved.
  const superseded = await tx
    .update(promotionRequests)
    .set({ state: "superseded", closedAt: now })
    .where(
      and(
        eq(promotionRequests.modelId, promotion.modelId),
        eq(promotionRequests.alias, promotion.alias),
        inArray(promotionRequests.state, [...openPromotionStates]),
        ne(promotionRequests.id, promotion.id),
        lt(promotionRequests.createdAt, promotion.createdAt),
      ),
    )
    .returning({ id: promotionRequests.id });
  await writeAudit(tx, actor, {
    teamId: access.team.id,
    projectId: promotion.projectId,
    action: "promotion.apply",
    targetType: "promotion",
    targetId: promotion.id,
    data: {
      model: access.model.name,
      alias: promotion.alias,
      version: judged.version.version,
      previousVersion: previous?.version ?? null,
      approvals: judged.approvals,
      superseded: superseded.map((s) => s.id),
    },
  });
  await enqueueWebhookEvent(tx, promotion.projectId, "promotion.applied", {
    promotion: { id: promotion.id, alias: promotion.alias, description: promotion.description },
    model: { id: access.model.id, name: access.model.name },
    version: versionToEvent(judged.version),
    previous_version: previous ? versionToEvent(previous) : null,
  });
  return { promotion: row!, applied: true as const, judged, superseded: superseded.map((s) => s.id) };
}

/** Opens a request to move an alias to a version; with no approvals required it may apply at once. */
export async function requestPromotion({ ctx, input }: Verb<RequestPromotionInput>) {
  const data = RequestPromotionInput.parse(input);
  const access = await modelAccess(ctx, data.modelId, "promotions:request");
  const { model, project, actor } = access;
  const row = await ctx.db.transaction(async (tx) => {
    await lockModel(tx, model.id);
    const version: ModelVersionRow = await versionRow(tx, model.id, data.version);
    const holder = await currentHolder(tx, model.id, data.alias);
    if (holder?.id === version.id) throw preconditionFailed(`"${data.alias}" already points to version ${version.version}`);
    const [promotion] = await tx
      .insert(promotionRequests)
      .values({
        id: createId("prom"),
        projectId: project.id,
        modelId: model.id,
        versionId: version.id,
        alias: data.alias,
        description: data.description ?? "",
        requestedBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "promotion.request",
      targetType: "promotion",
      targetId: promotion!.id,
      data: { model: model.name, alias: data.alias, version: version.version, currentVersion: holder?.version ?? null },
    });
    return (await settle(tx, actor, access, promotion!)).promotion;
  });
  return afterCommit(row);
}

/** A request that applied has queued promotion.applied: wake the delivery loop once committed. */
function afterCommit(row: PromotionRow): PromotionRow {
  if (row.state === "applied") wakeWebhookDelivery();
  return row;
}

/** Locks in the order every promotion verb uses (model, then request), re-reading the request. */
async function lockPromotion(tx: DbOrTx, promotion: PromotionRow): Promise<PromotionRow> {
  await lockModel(tx, promotion.modelId);
  const [row] = await tx.select().from(promotionRequests).where(eq(promotionRequests.id, promotion.id)).for("update");
  return row!;
}

function requireOpen(p: PromotionRow) {
  if (!isOpen(p.state)) throw preconditionFailed(`This promotion request is ${p.state}`);
}

/**
 * A reviewer's decision: never on their own request, once per reviewer, recorded and audited in
 * the transaction that then settles the request (`after`).
 */
async function review(
  ctx: ServiceContext,
  input: ReviewInput,
  decision: ReviewDecision,
  after: (tx: DbOrTx, access: PromotionAccess, promotion: PromotionRow) => Promise<PromotionRow>,
) {
  const data = ReviewInput.parse(input);
  const access = await promotionAccess(ctx, data.promotionId, "promotions:review");
  const { actor } = access;
  if (access.promotion.requestedBy === actor.userId) {
    throw forbidden(decision === "approve" ? "You requested this promotion: another reviewer must approve it" : "You requested this promotion: cancel it instead of rejecting it");
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const promotion = await lockPromotion(tx, access.promotion);
      requireOpen(promotion);
      await tx.insert(promotionReviews).values({ id: createId("rev"), promotionId: promotion.id, reviewerId: actor.userId, decision, comment: data.comment ?? "" });
      await writeAudit(tx, actor, {
        teamId: access.team.id,
        projectId: promotion.projectId,
        action: `promotion.${decision}`,
        targetType: "promotion",
        targetId: promotion.id,
        data: { comment: data.comment ?? "" },
      });
      return after(tx, access, promotion);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("You have already reviewed this request");
    throw error;
  }
}

export async function approvePromotion({ ctx, input }: Verb<ReviewInput>) {
  return afterCommit(await review(ctx, input, "approve", async (tx, access, promotion) => (await settle(tx, access.actor, access, promotion)).promotion));
}

/** One rejection closes the request. */
export async function rejectPromotion({ ctx, input }: Verb<ReviewInput>) {
  return review(ctx, input, "reject", async (tx, _access, promotion) => {
    const [row] = await tx
      .update(promotionRequests)
      .set({ state: "rejected", closedAt: new Date() })
      .where(eq(promotionRequests.id, promotion.id))
      .returning();
    return row!;
  });
}

export async function cancelPromotion({ ctx, input }: Verb<ReviewInput>) {
  const data = ReviewInput.parse(input);
  const access = await promotionAccess(ctx, data.promotionId, "promotions:request");
  if (access.promotion.requestedBy !== access.actor.userId) throw forbidden("Only the requester can cancel a promotion request");
  return ctx.db.transaction(async (tx) => {
    const promotion = await lockPromotion(tx, access.promotion);
    requireOpen(promotion);
    const [row] = await tx
      .update(promotionRequests)
      .set({ state: "cancelled", closedAt: new Date() })
      .where(eq(promotionRequests.id, promotion.id))
      .returning();
    await writeAudit(tx, access.actor, {
      teamId: access.team.id,
      projectId: promotion.projectId,
      action: "promotion.cancel",
      targetType: "promotion",
      targetId: promotion.id,
      data: { comment: data.comment ?? "" },
    });
    return row!;
  });
}

/**
 * Judges an approved request again (a reproduction finished, a threshold was edited) and applies it
 * when everything passes; otherwise says which checks still fail.
 */
export async function applyPromotion({ ctx, input }: Verb<{ promotionId: string }>) {
  const data = PromotionRef.parse(input);
  const access = await promotionAccess(ctx, data.promotionId, "promotions:request");
  const applied = await ctx.db.transaction(async (tx) => {
    const promotion = await lockPromotion(tx, access.promotion);
    requireOpen(promotion);
    const result = await settle(tx, access.actor, access, promotion);
    if (result.applied) return result.promotion;
    const missing = result.judged.policy.requiredApprovals - result.judged.approvals;
    throw preconditionFailed(
      missing > 0 ? `Needs ${missing} more approval${missing === 1 ? "" : "s"}` : `Checks failing: ${failingText(result.judged.checks)}`,
    );
  });
  return afterCommit(applied);
}
