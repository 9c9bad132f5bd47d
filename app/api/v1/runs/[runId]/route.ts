import { getRunRoute, updateRunRoute } from "@/server/http/handlers/runs";

export const GET = getRunRoute;
export const PATCH = updateRunRoute;
