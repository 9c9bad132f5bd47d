import { chartQueryRoute } from "@/server/http/handlers/charts";

export const POST = chartQueryRoute;
