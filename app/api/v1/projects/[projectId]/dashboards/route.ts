import { createDashboardRoute, listDashboardsRoute } from "@/server/http/handlers/dashboards";

export const GET = listDashboardsRoute;
export const POST = createDashboardRoute;
