import { deleteDashboardRoute, getDashboardRoute, updateDashboardRoute } from "@/server/http/handlers/dashboards";

export const GET = getDashboardRoute;
export const PUT = updateDashboardRoute;
export const DELETE = deleteDashboardRoute;
