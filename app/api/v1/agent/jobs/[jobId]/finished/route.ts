import { agentJobFinishedRoute } from "@/server/http/handlers/agent";

export const POST = agentJobFinishedRoute;
