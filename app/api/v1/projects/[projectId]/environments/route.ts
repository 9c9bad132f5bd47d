import { listEnvironmentsRoute, saveEnvironmentRoute } from "@/server/http/handlers/environments";

export const GET = listEnvironmentsRoute;
export const POST = saveEnvironmentRoute;
