import { createCallerFactory, createTRPCRouter } from "./init";
import { accountRouter } from "./routers/account";
import { compareRouter } from "./routers/compare";
import { computeRouter } from "./routers/compute";
import { environmentsRouter } from "./routers/environments";
import { jobsRouter } from "./routers/jobs";
import { projectsRouter } from "./routers/projects";
import { runsRouter } from "./routers/runs";
import { teamsRouter } from "./routers/teams";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  teams: teamsRouter,
  projects: projectsRouter,
  runs: runsRouter,
  compute: computeRouter,
  jobs: jobsRouter,
  environments: environmentsRouter,
  compare: compareRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
