import { authHandler } from "@/server/http/handlers/better-auth";

export const { GET, POST } = authHandler;
