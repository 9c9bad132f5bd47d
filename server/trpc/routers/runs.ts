import { z } from "zod";
import { listArtifacts } from "../../tracking/artifacts";
import { listLogs } from "../../tracking/logs";
import { getMetric } from "../../tracking/metrics";
import { getRun, listRuns, setTags, updateRun } from "../../tracking/runs";
import { GetMetricInput, ListLogsInput, ListRunsInput, RunRef, SetTagsInput, UpdateRunInput } from "../../tracking/schemas";
import { authedProcedure, createTRPCRouter } from "../init";

export const runsRouter = createTRPCRouter({
  list: authedProcedure.input(ListRunsInput).query(({ ctx, input }) => listRuns({ ctx: ctx.svc, input })),
  get: authedProcedure.input(RunRef).query(({ ctx, input }) => getRun({ ctx: ctx.svc, input })),
  update: authedProcedure.input(UpdateRunInput).mutation(({ ctx, input }) => updateRun({ ctx: ctx.svc, input })),
  setTags: authedProcedure.input(SetTagsInput).mutation(({ ctx, input }) => setTags({ ctx: ctx.svc, input })),
  metric: authedProcedure
    .input(GetMetricInput.extend({ maxPoints: z.number().int().min(2).max(10_000).default(1000) }))
    .query(({ ctx, input }) => getMetric({ ctx: ctx.svc, input })),
  logs: authedProcedure.input(ListLogsInput).query(({ ctx, input }) => listLogs({ ctx: ctx.svc, input })),
  artifacts: authedProcedure.input(RunRef).query(({ ctx, input }) => listArtifacts({ ctx: ctx.svc, input })),
});
