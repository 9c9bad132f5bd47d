import { deleteAliasRoute, resolveAliasRoute, setAliasRoute } from "@/server/http/handlers/registry";

export const GET = resolveAliasRoute;
export const PUT = setAliasRoute;
export const DELETE = deleteAliasRoute;
