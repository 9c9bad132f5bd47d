import { logDatasetsRoute } from "@/server/http/handlers/runs";

export const POST = logDatasetsRoute;
