import { deleteModelRoute, getModelRoute, updateModelRoute } from "@/server/http/handlers/registry";

export const GET = getModelRoute;
export const PATCH = updateModelRoute;
export const DELETE = deleteModelRoute;
