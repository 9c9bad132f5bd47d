import { listModelPromotionsRoute, requestPromotionRoute } from "@/server/http/handlers/registry";

export const GET = listModelPromotionsRoute;
export const POST = requestPromotionRoute;
