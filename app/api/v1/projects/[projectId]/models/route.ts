import { createModelRoute, listModelsRoute } from "@/server/http/handlers/registry";

export const GET = listModelsRoute;
export const POST = createModelRoute;
