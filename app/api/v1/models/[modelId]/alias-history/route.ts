import { aliasHistoryRoute } from "@/server/http/handlers/registry";

export const GET = aliasHistoryRoute;
