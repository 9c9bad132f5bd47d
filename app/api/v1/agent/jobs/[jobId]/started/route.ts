import { agentJobStartedRoute } from "@/server/http/handlers/agent";

export const POST = agentJobStartedRoute;
