import { registerFromRunRoute } from "@/server/http/handlers/registry";

export const POST = registerFromRunRoute;
