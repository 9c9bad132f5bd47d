import { meRoute } from "@/server/http/handlers/auth";

export const GET = meRoute;
