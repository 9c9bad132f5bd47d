import { agentHeartbeatRoute } from "@/server/http/handlers/agent";

export const POST = agentHeartbeatRoute;
