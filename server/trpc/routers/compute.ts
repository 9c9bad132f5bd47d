import { listTargets, registerTarget, removeTarget } from "../../compute/targets";
import { RegisterTargetInput, TargetRef } from "../../compute/schemas";
import { TeamRef } from "../../teams/schemas";
import { authedProcedure, createTRPCRouter } from "../init";

export const computeRouter = createTRPCRouter({
  list: authedProcedure.input(TeamRef).query(({ ctx, input }) => listTargets({ ctx: ctx.svc, input })),
  register: authedProcedure.input(RegisterTargetInput).mutation(async ({ ctx, input }) => {
    const { target, registrationToken } = await registerTarget({ ctx: ctx.svc, input });
    return { id: target.id, name: target.name, registrationToken };
  }),
  remove: authedProcedure.input(TargetRef).mutation(({ ctx, input }) => removeTarget({ ctx: ctx.svc, input })),
});
