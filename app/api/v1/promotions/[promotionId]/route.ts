import { getPromotionRoute } from "@/server/http/handlers/registry";

export const GET = getPromotionRoute;
