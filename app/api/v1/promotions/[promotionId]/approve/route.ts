import { approvePromotionRoute } from "@/server/http/handlers/registry";

export const POST = approvePromotionRoute;
