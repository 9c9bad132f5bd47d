import { execJobRoute } from "@/server/http/handlers/agent";

export const GET = execJobRoute;
