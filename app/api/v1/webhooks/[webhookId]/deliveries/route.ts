import { listDeliveriesRoute } from "@/server/http/handlers/webhooks";

export const GET = listDeliveriesRoute;
