import { cancelPromotionRoute } from "@/server/http/handlers/registry";

export const POST = cancelPromotionRoute;
