import { z } from "zod";
import { cancelJob } from "../../jobs/lifecycle";
import { getJob, jobOfRun, listJobs } from "../../jobs/read";
import { JobRef, ListJobsInput, SubmitJobInput } from "../../jobs/schemas";
import { rerunJob, submitJob } from "../../jobs/submit";
import { authedProcedure, createTRPCRouter } from "../init";

export const jobsRouter = createTRPCRouter({
  submit: authedProcedure.input(SubmitJobInput).mutation(async ({ ctx, input }) => {
    const job = await submitJob({ ctx: ctx.svc, input });
    return { id: job.id, runId: job.runId };
  }),
  get: authedProcedure.input(JobRef).query(({ ctx, input }) => getJob({ ctx: ctx.svc, input })),
  ofRun: authedProcedure.input(z.object({ runId: z.string().min(1) })).query(({ ctx, input }) => jobOfRun({ ctx: ctx.svc, input })),
  list: authedProcedure.input(ListJobsInput).query(({ ctx, input }) => listJobs({ ctx: ctx.svc, input })),
  cancel: authedProcedure.input(JobRef).mutation(async ({ ctx, input }) => {
    await cancelJob({ ctx: ctx.svc, input });
    return getJob({ ctx: ctx.svc, input });
  }),
  rerun: authedProcedure.input(JobRef).mutation(async ({ ctx, input }) => {
    const job = await rerunJob({ ctx: ctx.svc, input });
    return { id: job.id, runId: job.runId };
  }),
});
