import { z } from "zod";
import { webhookDeliveryStates, webhookEvents } from "@/db/schema/enums";

export const WebhookUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "An http:// or https:// URL" }));

export const WebhookEvents = z
  .array(z.enum(webhookEvents))
  .min(1, "Pick at least one event")
  .transform((events) => webhookEvents.filter((e) => events.includes(e)));

/** A user-supplied signing secret; without one the server generates a `whsec_…` secret. */
export const WebhookSecret = z.string().min(16, "At least 16 characters").max(200);

export const CreateWebhookInput = z.object({
  projectId: z.string().min(1),
  url: WebhookUrl,
  events: WebhookEvents,
  secret: WebhookSecret.optional(),
  active: z.boolean().default(true),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

export const WebhookRef = z.object({ webhookId: z.string().min(1) });
export type WebhookRef = z.infer<typeof WebhookRef>;

export const UpdateWebhookInput = WebhookRef.extend({
  url: WebhookUrl.optional(),
  events: WebhookEvents.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>;

export const ListWebhooksInput = z.object({ projectId: z.string().min(1) });
export type ListWebhooksInput = z.infer<typeof ListWebhooksInput>;

/** A project's deliveries, or one webhook's (then `projectId` may be left out). Newest first. */
export const ListDeliveriesInput = z
  .object({
    projectId: z.string().min(1).optional(),
    webhookId: z.string().min(1).optional(),
    state: z.enum(webhookDeliveryStates).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((v) => v.projectId || v.webhookId, { error: "Give a projectId or a webhookId" });
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>;

export const DeliveryRef = z.object({ deliveryId: z.string().min(1) });
export type DeliveryRef = z.infer<typeof DeliveryRef>;
