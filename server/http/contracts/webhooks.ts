import { z } from "zod";
import { webhookDeliveryStates, webhookEvents } from "@/db/schema/enums";
import { Timestamp } from "./common";

export const WebhookIdParams = z.object({ webhookId: z.string().min(1) }).strict();
export const DeliveryIdParams = z.object({ deliveryId: z.string().min(1) }).strict();

export const CreateWebhookBody = z
  .object({
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    /** Optional, at least 16 characters; without it the server generates a `whsec_…` secret. */
    secret: z.string().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const UpdateWebhookBody = z
  .object({ url: z.string().optional(), events: z.array(z.enum(webhookEvents)).optional(), active: z.boolean().optional() })
  .strict();

export const WebhookBody = z
  .object({
    id: z.string(),
    project_id: z.string(),
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();

/** The create answer is the only one that carries the signing secret. */
export const CreatedWebhookBody = WebhookBody.extend({ secret: z.string() }).strict();

export const WebhookListBody = z.object({ webhooks: z.array(WebhookBody) }).strict();

export const DeliveriesQuery = z.object({ state: z.enum(webhookDeliveryStates).optional(), limit: z.string().optional() }).strict();

export const DeliveryBody = z
  .object({
    id: z.string(),
    webhook_id: z.string(),
    event: z.enum(webhookEvents),
    state: z.enum(webhookDeliveryStates),
    attempts: z.number(),
    next_attempt_at: Timestamp,
    last_status: z.number().nullable(),
    last_error: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    created_at: Timestamp,
    delivered_at: Timestamp.nullable(),
  })
  .strict();

export const DeliveryListBody = z.object({ deliveries: z.array(DeliveryBody) }).strict();

export const DeletedWebhookBody = z.object({ id: z.string(), deleted: z.literal(true) }).strict();
