import { logMetricsRoute } from "@/server/http/handlers/metrics";

export const POST = logMetricsRoute;
