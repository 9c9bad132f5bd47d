import { listTargets, registerTarget, removeTarget, updateSlurmToken } from "../../compute/targets";
import { RegisterTargetInput, TargetRef, UpdateSlurmTokenInput } from "../../compute/schemas";
import { TeamRef } from "../../teams/schemas";
import { authedProcedure, createTRPCRouter } from "../init";

export const computeRouter = createTRPCRouter({
  list: authedProcedure.input(TeamRef).query(({ ctx, input }) => listTargets({ ctx: ctx.svc, input })),
  register: authedProcedure.input(RegisterTargetInput).mutation(async ({ ctx, input }) => {
    const { target, registrationToken } = await registerTarget({ ctx: ctx.svc, input, serverSecret: ctx.rt.secret });
    return { id: target.id, name: target.name, registrationToken };
  }),
  updateSlurmToken: authedProcedure.input(UpdateSlurmTokenInput).mutation(async ({ ctx, input }) => {
    const target = await updateSlurmToken({ ctx: ctx.svc, input, serverSecret: ctx.rt.secret });
    return { id: target.id, name: target.name, status: target.status };
  }),
  remove: authedProcedure.input(TargetRef).mutation(({ ctx, input }) => removeTarget({ ctx: ctx.svc, input })),
});
