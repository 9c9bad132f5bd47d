import { createDashboard, type DashboardView, deleteDashboard, getDashboard, listDashboards, updateDashboard } from "../../dashboards/dashboards";
import {
  CreateDashboardBody,
  DashboardBody,
  DashboardIdParams,
  DashboardListBody,
  DeletedDashboardBody,
  UpdateDashboardBody,
} from "../contracts/dashboards";
import { ProjectIdParams } from "../contracts/tracking";
import { restRoute } from "../route";

type Summary = Omit<DashboardView, "panels">;

const summaryToWire = (d: Summary) => ({
  id: d.id,
  project_id: d.projectId,
  name: d.name,
  description: d.description,
  revision: d.revision,
  updated_by: d.updatedBy ? { id: d.updatedBy, name: d.updatedByName } : null,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

const dashboardToWire = (d: DashboardView) => ({
  ...summaryToWire(d),
  panels: d.panels.map((p) => ({ id: p.id, kind: p.kind, title: p.title, w: p.w, h: p.h, config: p.config })),
});

/** A project's dashboards (its default one is created on first listing if it has none). */
export const listDashboardsRoute = restRoute({
  name: "GET /projects/{projectId}/dashboards",
  auth: "required",
  params: ProjectIdParams,
  response: DashboardListBody,
  handler: async ({ ctx, params }) => ({
    dashboards: (await listDashboards({ ctx, input: params })).map((d) => ({ ...summaryToWire(d), panel_count: d.panelCount })),
  }),
});

export const createDashboardRoute = restRoute({
  name: "POST /projects/{projectId}/dashboards",
  auth: "required",
  params: ProjectIdParams,
  body: CreateDashboardBody,
  response: DashboardBody,
  status: 201,
  handler: async ({ ctx, params, body }) => dashboardToWire(await createDashboard({ ctx, input: { projectId: params.projectId, ...body } })),
});

export const getDashboardRoute = restRoute({
  name: "GET /dashboards/{dashboardId}",
  auth: "required",
  params: DashboardIdParams,
  response: DashboardBody,
  handler: async ({ ctx, params }) => dashboardToWire(await getDashboard({ ctx, input: params })),
});

/** 409 when `revision` is not the dashboard's current one: someone saved in between. */
export const updateDashboardRoute = restRoute({
  name: "PUT /dashboards/{dashboardId}",
  auth: "required",
  params: DashboardIdParams,
  body: UpdateDashboardBody,
  response: DashboardBody,
  handler: async ({ ctx, params, body }) => dashboardToWire(await updateDashboard({ ctx, input: { dashboardId: params.dashboardId, ...body } })),
});

/** 412 for a project's last dashboard. */
export const deleteDashboardRoute = restRoute({
  name: "DELETE /dashboards/{dashboardId}",
  auth: "required",
  params: DashboardIdParams,
  response: DeletedDashboardBody,
  handler: async ({ ctx, params }) => ({ id: (await deleteDashboard({ ctx, input: params })).id, deleted: true as const }),
});
