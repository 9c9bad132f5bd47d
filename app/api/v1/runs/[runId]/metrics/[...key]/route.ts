import { getMetricRoute } from "@/server/http/handlers/metrics";

export const GET = getMetricRoute;
