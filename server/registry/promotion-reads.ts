import { and, desc, eq, inArray, ne, notExists } from "drizzle-orm";
import { modelVersions, projects, promotionRequests, promotionReviews, registeredModels, teamMembers, users } from "@/db/schema";
import { openPromotionStates, teamRoles } from "@/db/schema/enums";
import { requireActor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { environmentVersion } from "../environments/environments";
import { validation } from "../errors";
import { projectAccess } from "../teams/access";
import { modelAccess, promotionAccess } from "./access";
import { judgePromotion } from "./promotions";
import { ListPromotionsInput, PromotionRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

const summaryColumns = {
  id: promotionRequests.id,
  projectId: promotionRequests.projectId,
  projectName: projects.name,
  modelId: promotionRequests.modelId,
  modelName: registeredModels.name,
  version: modelVersions.version,
  alias: promotionRequests.alias,
  state: promotionRequests.state,
  description: promotionRequests.description,
  checks: promotionRequests.checks,
  createdAt: promotionRequests.createdAt,
  closedAt: promotionRequests.closedAt,
  requestedBy: { id: users.id, name: users.name, email: users.email },
};

function summaries(ctx: ServiceContext) {
  return ctx.db
    .select(summaryColumns)
    .from(promotionRequests)
    .innerJoin(registeredModels, eq(registeredModels.id, promotionRequests.modelId))
    .innerJoin(modelVersions, eq(modelVersions.id, promotionRequests.versionId))
    .innerJoin(projects, eq(projects.id, promotionRequests.projectId))
    .leftJoin(users, eq(users.id, promotionRequests.requestedBy));
}

const withRequester = <T extends { requestedBy: { id: string | null; name: string | null; email: string | null } | null }>(row: T) => ({
  ...row,
  requestedBy: row.requestedBy?.id ? (row.requestedBy as { id: string; name: string; email: string }) : null,
});

/** Requests of a project or a model, newest first. */
export async function listPromotions({ ctx, input }: Verb<ListPromotionsInput>) {
  const data = ListPromotionsInput.parse(input);
  let projectId = data.projectId;
  if (data.modelId) projectId = (await modelAccess(ctx, data.modelId, "team:read")).model.projectId;
  else if (projectId) await projectAccess(ctx, projectId, "team:read");
  else throw validation("Give a projectId or a modelId");
  const rows = await summaries(ctx)
    .where(
      and(
        eq(promotionRequests.projectId, projectId!),
        data.modelId ? eq(promotionRequests.modelId, data.modelId) : undefined,
        data.states?.length ? inArray(promotionRequests.state, data.states) : undefined,
      ),
    )
    .orderBy(desc(promotionRequests.createdAt))
    .limit(data.limit);
  return rows.map(withRequester);
}

/** A project's open requests (the dashboard's "pending promotions" panel). */
export async function pendingPromotions({ ctx, input }: Verb<{ projectId: string }>) {
  return listPromotions({ ctx, input: { projectId: input.projectId, states: [...openPromotionStates] } });
}

const reviewerRoles = teamRoles.filter((r) => can(r, "promotions:review"));

/**
 * Open requests the actor may decide: in teams where they review, not their own, and not yet
 * reviewed by them. The header's count is this list's length.
 */
export async function reviewQueue({ ctx }: { ctx: ServiceContext }) {
  const actor = requireActor(ctx);
  const rows = await summaries(ctx)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, actor.userId)))
    .where(
      and(
        inArray(teamMembers.role, reviewerRoles),
        inArray(promotionRequests.state, [...openPromotionStates]),
        ne(promotionRequests.requestedBy, actor.userId),
        notExists(
          ctx.db
            .select({ one: promotionReviews.id })
            .from(promotionReviews)
            .where(and(eq(promotionReviews.promotionId, promotionRequests.id), eq(promotionReviews.reviewerId, actor.userId))),
        ),
      ),
    )
    .orderBy(desc(promotionRequests.createdAt))
    .limit(200);
  return rows.map(withRequester);
}

/**
 * One request with everything a reviewer needs: the version's lineage next to the alias's current
 * holder, both environments, the checks (judged now while the request is open), the reviews, and
 * what the actor may do with it.
 */
export async function getPromotion({ ctx, input }: Verb<{ promotionId: string }>) {
  const { promotion, model, role, actor } = await promotionAccess(ctx, PromotionRef.parse(input).promotionId, "team:read");
  const judged = await judgePromotion(ctx.db, promotion);
  const open = (openPromotionStates as readonly string[]).includes(promotion.state);
  // Once applied, "current" is the version it replaced; otherwise the alias's holder now.
  const [compared] =
    promotion.state !== "applied"
      ? [judged.holder]
      : promotion.previousVersionId
        ? await ctx.db.select().from(modelVersions).where(eq(modelVersions.id, promotion.previousVersionId))
        : [null];
  const [requester, reviewers, candidateEnv, currentEnv] = await Promise.all([
    promotion.requestedBy
      ? ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, promotion.requestedBy))
      : Promise.resolve([]),
    judged.reviews.length
      ? ctx.db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, judged.reviews.flatMap((r) => (r.reviewerId ? [r.reviewerId] : []))))
      : Promise.resolve([]),
    judged.version.lineage.environment ? environmentVersion(ctx.db, judged.version.lineage.environment.versionId) : null,
    compared?.lineage.environment ? environmentVersion(ctx.db, compared.lineage.environment.versionId) : null,
  ]);
  const mine = promotion.requestedBy === actor.userId;
  const reviewed = judged.reviews.some((r) => r.reviewerId === actor.userId);
  return {
    ...promotion,
    checks: open ? judged.checks : promotion.checks,
    model: { id: model.id, name: model.name, projectId: model.projectId },
    version: judged.version,
    current: compared ?? null,
    /** The version an applied request replaced (null: the alias pointed nowhere, or not applied). */
    previousVersion: promotion.state === "applied" ? (compared?.version ?? null) : null,
    requestedBy: requester[0] ?? null,
    requiredApprovals: judged.policy.requiredApprovals,
    protected: judged.policy.protected,
    approvals: judged.approvals,
    reviews: judged.reviews
      .map((r) => ({ ...r, reviewer: reviewers.find((u) => u.id === r.reviewerId) ?? null }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    environments: {
      candidate: candidateEnv ? { name: candidateEnv.name, version: candidateEnv.version, digest: candidateEnv.digest, specYaml: candidateEnv.specYaml } : null,
      current: currentEnv ? { name: currentEnv.name, version: currentEnv.version, digest: currentEnv.digest, specYaml: currentEnv.specYaml } : null,
    },
    can: {
      approve: open && !mine && !reviewed && can(role, "promotions:review"),
      reject: open && !mine && !reviewed && can(role, "promotions:review"),
      cancel: open && mine,
      apply: promotion.state === "approved" && can(role, "promotions:request"),
    },
  };
}
export type PromotionDetails = Awaited<ReturnType<typeof getPromotion>>;
