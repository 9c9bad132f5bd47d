import { logParamsRoute } from "@/server/http/handlers/runs";

export const POST = logParamsRoute;
