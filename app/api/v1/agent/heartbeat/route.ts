import { agentHeartbeatRoute } from "@/server/http/handlers/compute";

export const POST = agentHeartbeatRoute;
