import { agentClaimRoute } from "@/server/http/handlers/agent";

// A claim is a long poll of up to 25 s.
export const maxDuration = 60;
export const POST = agentClaimRoute;
