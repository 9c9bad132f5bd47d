import { reviewQueueRoute } from "@/server/http/handlers/registry";

export const GET = reviewQueueRoute;
