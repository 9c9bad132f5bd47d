import { runCodeRoute } from "@/server/http/handlers/jobs";

export const GET = runCodeRoute;
