import { execFinishedRoute } from "@/server/http/handlers/agent";

export const POST = execFinishedRoute;
