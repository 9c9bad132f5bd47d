import { deletePolicyRoute, putPolicyRoute } from "@/server/http/handlers/registry";

export const PUT = putPolicyRoute;
export const DELETE = deletePolicyRoute;
