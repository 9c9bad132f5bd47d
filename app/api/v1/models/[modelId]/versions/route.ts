import { listVersionsRoute, registerVersionRoute } from "@/server/http/handlers/registry";

export const GET = listVersionsRoute;
export const POST = registerVersionRoute;
