import { createRunRoute, listRunsRoute } from "@/server/http/handlers/runs";

export const GET = listRunsRoute;
export const POST = createRunRoute;
