import { computeUsage } from "../../dashboards/compute-usage";
import { createDashboard, deleteDashboard, getDashboard, listDashboards, updateDashboard } from "../../dashboards/dashboards";
import { leaderboard } from "../../dashboards/leaderboard";
import {
  ComputeUsageInput,
  CreateDashboardInput,
  DashboardRef,
  LeaderboardInput,
  ProjectDashboardsInput,
  UpdateDashboardInput,
} from "../../dashboards/schemas";
import { authedProcedure, createTRPCRouter } from "../init";

export const dashboardsRouter = createTRPCRouter({
  list: authedProcedure.input(ProjectDashboardsInput).query(({ ctx, input }) => listDashboards({ ctx: ctx.svc, input })),
  get: authedProcedure.input(DashboardRef).query(({ ctx, input }) => getDashboard({ ctx: ctx.svc, input })),
  create: authedProcedure.input(CreateDashboardInput).mutation(({ ctx, input }) => createDashboard({ ctx: ctx.svc, input })),
  update: authedProcedure.input(UpdateDashboardInput).mutation(({ ctx, input }) => updateDashboard({ ctx: ctx.svc, input })),
  delete: authedProcedure.input(DashboardRef).mutation(({ ctx, input }) => deleteDashboard({ ctx: ctx.svc, input })),
  /** Panel data that needs its own query; line charts, scatter and parallel use runs.list and compare.chart. */
  leaderboard: authedProcedure.input(LeaderboardInput).query(({ ctx, input }) => leaderboard({ ctx: ctx.svc, input })),
  computeUsage: authedProcedure.input(ComputeUsageInput).query(({ ctx, input }) => computeUsage({ ctx: ctx.svc, input })),
});
