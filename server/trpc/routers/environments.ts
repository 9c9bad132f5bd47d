import { z } from "zod";
import { listEnvironments, listVersions, saveEnvironment } from "../../environments/environments";
import { runEnvironment } from "../../environments/run-environment";
import { EnvironmentRef, SaveEnvironmentInput } from "../../environments/schemas";
import { ReproduceInput, reproduceRun } from "../../jobs/reproduce";
import { authedProcedure, createTRPCRouter } from "../init";

export const environmentsRouter = createTRPCRouter({
  list: authedProcedure.input(z.object({ projectId: z.string().min(1) })).query(({ ctx, input }) => listEnvironments({ ctx: ctx.svc, input })),
  versions: authedProcedure.input(EnvironmentRef).query(({ ctx, input }) => listVersions({ ctx: ctx.svc, input })),
  save: authedProcedure.input(SaveEnvironmentInput).mutation(({ ctx, input }) => saveEnvironment({ ctx: ctx.svc, input })),
  ofRun: authedProcedure.input(z.object({ runId: z.string().min(1) })).query(({ ctx, input }) => runEnvironment({ ctx: ctx.svc, input })),
  reproduce: authedProcedure.input(ReproduceInput).mutation(async ({ ctx, input }) => {
    const job = await reproduceRun({ ctx: ctx.svc, input });
    return { id: job.id, runId: job.runId };
  }),
});
