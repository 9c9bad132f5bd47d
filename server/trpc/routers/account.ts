import { listMyAudit } from "../../audit/list-audit";
import { env } from "../../env";
import { CreateTokenInput, RevokeTokenInput } from "../../tokens/schemas";
import { createToken, listTokens, revokeToken } from "../../tokens/tokens";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../init";

export const accountRouter = createTRPCRouter({
  /** The signed-in user, or null; also tells the sign-up form which policy applies. */
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.svc.actor, signupPolicy: env().TRAINYARD_SIGNUP })),
  tokens: authedProcedure.query(({ ctx }) => listTokens({ ctx: ctx.svc })),
  createToken: authedProcedure
    .input(CreateTokenInput)
    .mutation(({ ctx, input }) => createToken({ ctx: ctx.svc, input })),
  revokeToken: authedProcedure
    .input(RevokeTokenInput)
    .mutation(({ ctx, input }) => revokeToken({ ctx: ctx.svc, input })),
  activity: authedProcedure.query(({ ctx }) => listMyAudit({ ctx: ctx.svc })),
});
