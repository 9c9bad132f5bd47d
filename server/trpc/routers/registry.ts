import { z } from "zod";
import { deleteAlias, listAliases, listAliasHistory, setAlias } from "../../registry/aliases";
import { createModel, getModel, listModels, updateModel } from "../../registry/models";
import { deletePolicy, listPolicies, setPolicy } from "../../registry/policies";
import { getPromotion, listPromotions, pendingPromotions, reviewQueue } from "../../registry/promotion-reads";
import { applyPromotion, approvePromotion, cancelPromotion, rejectPromotion, requestPromotion } from "../../registry/promotions";
import {
  AliasRef,
  CreateModelInput,
  ListPromotionsInput,
  ModelRef,
  PolicyInput,
  PolicyRef,
  PromotionRef,
  RegisterVersionInput,
  RequestPromotionInput,
  ReviewInput,
  SetAliasInput,
  UpdateModelInput,
  VersionRef,
} from "../../registry/schemas";
import { getVersion, listVersions, registerVersion } from "../../registry/versions";
import { authedProcedure, createTRPCRouter } from "../init";

const ProjectRef = z.object({ projectId: z.string().min(1) });

export const registryRouter = createTRPCRouter({
  models: authedProcedure.input(ProjectRef).query(({ ctx, input }) => listModels({ ctx: ctx.svc, input })),
  model: authedProcedure.input(ModelRef).query(({ ctx, input }) => getModel({ ctx: ctx.svc, input })),
  createModel: authedProcedure.input(CreateModelInput).mutation(({ ctx, input }) => createModel({ ctx: ctx.svc, input })),
  updateModel: authedProcedure.input(UpdateModelInput).mutation(({ ctx, input }) => updateModel({ ctx: ctx.svc, input })),
  versions: authedProcedure.input(ModelRef).query(({ ctx, input }) => listVersions({ ctx: ctx.svc, input })),
  version: authedProcedure.input(VersionRef).query(({ ctx, input }) => getVersion({ ctx: ctx.svc, input })),
  registerVersion: authedProcedure.input(RegisterVersionInput).mutation(({ ctx, input }) => registerVersion({ ctx: ctx.svc, input })),
  aliases: authedProcedure.input(ModelRef).query(({ ctx, input }) => listAliases({ ctx: ctx.svc, input })),
  aliasHistory: authedProcedure
    .input(ModelRef.extend({ alias: z.string().optional() }))
    .query(({ ctx, input }) => listAliasHistory({ ctx: ctx.svc, input })),
  setAlias: authedProcedure.input(SetAliasInput).mutation(({ ctx, input }) => setAlias({ ctx: ctx.svc, input })),
  deleteAlias: authedProcedure.input(AliasRef).mutation(({ ctx, input }) => deleteAlias({ ctx: ctx.svc, input })),
  policies: authedProcedure.input(ProjectRef).query(({ ctx, input }) => listPolicies({ ctx: ctx.svc, input })),
  setPolicy: authedProcedure.input(PolicyInput).mutation(({ ctx, input }) => setPolicy({ ctx: ctx.svc, input })),
  deletePolicy: authedProcedure.input(PolicyRef).mutation(({ ctx, input }) => deletePolicy({ ctx: ctx.svc, input })),
  promotions: authedProcedure.input(ListPromotionsInput).query(({ ctx, input }) => listPromotions({ ctx: ctx.svc, input })),
  pendingPromotions: authedProcedure.input(ProjectRef).query(({ ctx, input }) => pendingPromotions({ ctx: ctx.svc, input })),
  reviewQueue: authedProcedure.query(({ ctx }) => reviewQueue({ ctx: ctx.svc })),
  promotion: authedProcedure.input(PromotionRef).query(({ ctx, input }) => getPromotion({ ctx: ctx.svc, input })),
  requestPromotion: authedProcedure.input(RequestPromotionInput).mutation(({ ctx, input }) => requestPromotion({ ctx: ctx.svc, input })),
  approve: authedProcedure.input(ReviewInput).mutation(({ ctx, input }) => approvePromotion({ ctx: ctx.svc, input })),
  reject: authedProcedure.input(ReviewInput).mutation(({ ctx, input }) => rejectPromotion({ ctx: ctx.svc, input })),
  cancel: authedProcedure.input(ReviewInput).mutation(({ ctx, input }) => cancelPromotion({ ctx: ctx.svc, input })),
  applyPromotion: authedProcedure.input(PromotionRef).mutation(({ ctx, input }) => applyPromotion({ ctx: ctx.svc, input })),
});
