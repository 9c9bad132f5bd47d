import { and, eq } from "drizzle-orm";
import { projects, promotionRequests, registeredModels, teamMembers, teams } from "@/db/schema";
import { requireActor } from "../auth/actor";
import type { Scope } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { checkRole, type ProjectAccess } from "../teams/access";

export interface ModelAccess extends ProjectAccess {
  model: typeof registeredModels.$inferSelect;
}

/** Loads a model with its project and the actor's role; another team's model is NOT_FOUND. */
export async function modelAccess(ctx: ServiceContext, modelId: string, scope: Scope): Promise<ModelAccess> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .select({ model: registeredModels, project: projects, team: teams, role: teamMembers.role })
    .from(registeredModels)
    .innerJoin(projects, eq(projects.id, registeredModels.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(eq(registeredModels.id, modelId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Model");
  return { actor, role, model: row!.model, project: row!.project, team: row!.team };
}

export interface PromotionAccess extends ModelAccess {
  promotion: typeof promotionRequests.$inferSelect;
}

export async function promotionAccess(ctx: ServiceContext, promotionId: string, scope: Scope): Promise<PromotionAccess> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .select({ promotion: promotionRequests, model: registeredModels, project: projects, team: teams, role: teamMembers.role })
    .from(promotionRequests)
    .innerJoin(registeredModels, eq(registeredModels.id, promotionRequests.modelId))
    .innerJoin(projects, eq(projects.id, promotionRequests.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.userId)))
    .where(eq(promotionRequests.id, promotionId))
    .limit(1);
  const role = checkRole(row?.role ?? undefined, scope, "Promotion request");
  return { actor, role, promotion: row!.promotion, model: row!.model, project: row!.project, team: row!.team };
}
