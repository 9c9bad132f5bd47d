import { execStartedRoute } from "@/server/http/handlers/agent";

export const POST = execStartedRoute;
