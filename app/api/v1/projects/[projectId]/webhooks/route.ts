import { createWebhookRoute, listWebhooksRoute } from "@/server/http/handlers/webhooks";

export const GET = listWebhooksRoute;
export const POST = createWebhookRoute;
