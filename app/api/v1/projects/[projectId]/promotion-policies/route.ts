import { listPoliciesRoute } from "@/server/http/handlers/registry";

export const GET = listPoliciesRoute;
