import { createProjectRoute, listProjectsRoute } from "@/server/http/handlers/projects";

export const GET = listProjectsRoute;
export const POST = createProjectRoute;
