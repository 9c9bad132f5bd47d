import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type Webhook = inferRouterOutputs<AppRouter>["webhooks"]["list"][number];
export type WebhookDelivery = inferRouterOutputs<AppRouter>["webhooks"]["deliveries"][number];
