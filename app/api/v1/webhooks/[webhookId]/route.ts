import { deleteWebhookRoute, updateWebhookRoute } from "@/server/http/handlers/webhooks";

export const PATCH = updateWebhookRoute;
export const DELETE = deleteWebhookRoute;
