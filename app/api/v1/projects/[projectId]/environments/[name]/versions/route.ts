import { listVersionsRoute } from "@/server/http/handlers/environments";

export const GET = listVersionsRoute;
