import { appendLogsRoute, listLogsRoute } from "@/server/http/handlers/logs";

export const GET = listLogsRoute;
export const POST = appendLogsRoute;
