import { createCallerFactory, createTRPCRouter } from "./init";
import { accountRouter } from "./routers/account";
import { compareRouter } from "./routers/compare";
import { computeRouter } from "./routers/compute";
import { dashboardsRouter } from "./routers/dashboards";
import { environmentsRouter } from "./routers/environments";
import { jobsRouter } from "./routers/jobs";
import { projectsRouter } from "./routers/projects";
import { registryRouter } from "./routers/registry";
import { runsRouter } from "./routers/runs";
import { teamsRouter } from "./routers/teams";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  teams: teamsRouter,
  projects: projectsRouter,
  runs: runsRouter,
  compute: computeRouter,
  jobs: jobsRouter,
  environments: environmentsRouter,
  compare: compareRouter,
  registry: registryRouter,
  dashboards: dashboardsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
