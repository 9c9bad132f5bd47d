import { rejectPromotionRoute } from "@/server/http/handlers/registry";

export const POST = rejectPromotionRoute;
