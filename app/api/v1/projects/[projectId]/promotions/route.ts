import { listProjectPromotionsRoute } from "@/server/http/handlers/registry";

export const GET = listProjectPromotionsRoute;
