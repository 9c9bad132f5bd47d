import { applyPromotionRoute } from "@/server/http/handlers/registry";

export const POST = applyPromotionRoute;
