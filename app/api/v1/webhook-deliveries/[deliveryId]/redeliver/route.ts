import { redeliverRoute } from "@/server/http/handlers/webhooks";

export const POST = redeliverRoute;
