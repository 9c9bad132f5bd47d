import { createCallerFactory, createTRPCRouter } from "./init";
import { accountRouter } from "./routers/account";
import { projectsRouter } from "./routers/projects";
import { teamsRouter } from "./routers/teams";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  teams: teamsRouter,
  projects: projectsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
