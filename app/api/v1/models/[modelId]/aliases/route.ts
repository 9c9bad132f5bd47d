import { listAliasesRoute } from "@/server/http/handlers/registry";

export const GET = listAliasesRoute;
