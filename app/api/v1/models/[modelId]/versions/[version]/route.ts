import { getVersionRoute } from "@/server/http/handlers/registry";

export const GET = getVersionRoute;
