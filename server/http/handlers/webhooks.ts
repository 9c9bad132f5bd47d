import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook, type WebhookDeliveryView, type WebhookView } from "../../webhooks/webhooks";
import { ProjectIdParams } from "../contracts/tracking";
import {
  CreatedWebhookBody,
  CreateWebhookBody,
  DeletedWebhookBody,
  DeliveriesQuery,
  DeliveryBody,
  DeliveryIdParams,
  DeliveryListBody,
  UpdateWebhookBody,
  WebhookBody,
  WebhookIdParams,
  WebhookListBody,
} from "../contracts/webhooks";
import { restRoute } from "../route";

const webhookToWire = (w: WebhookView) => ({
  id: w.id,
  project_id: w.projectId,
  url: w.url,
  events: w.events,
  active: w.active,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
});

const deliveryToWire = (d: WebhookDeliveryView) => ({
  id: d.id,
  webhook_id: d.webhookId,
  event: d.event,
  state: d.state,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptAt,
  last_status: d.lastStatus,
  last_error: d.lastError,
  payload: d.payload,
  created_at: d.createdAt,
  delivered_at: d.deliveredAt,
});

export const listWebhooksRoute = restRoute({
  name: "GET /projects/{projectId}/webhooks",
  auth: "required",
  params: ProjectIdParams,
  response: WebhookListBody,
  handler: async ({ ctx, params }) => ({ webhooks: (await listWebhooks({ ctx, input: params })).map(webhookToWire) }),
});

/** 201 with the signing secret: the only answer that ever shows it. */
export const createWebhookRoute = restRoute({
  name: "POST /projects/{projectId}/webhooks",
  auth: "required",
  params: ProjectIdParams,
  body: CreateWebhookBody,
  response: CreatedWebhookBody,
  status: 201,
  handler: async ({ ctx, rt, params, body }) => {
    const created = await createWebhook({ ctx, input: { projectId: params.projectId, ...body }, serverSecret: rt.secret });
    return { ...webhookToWire(created), secret: created.secret };
  },
});

export const updateWebhookRoute = restRoute({
  name: "PATCH /webhooks/{webhookId}",
  auth: "required",
  params: WebhookIdParams,
  body: UpdateWebhookBody,
  response: WebhookBody,
  handler: async ({ ctx, params, body }) => webhookToWire(await updateWebhook({ ctx, input: { ...params, ...body } })),
});

export const deleteWebhookRoute = restRoute({
  name: "DELETE /webhooks/{webhookId}",
  auth: "required",
  params: WebhookIdParams,
  response: DeletedWebhookBody,
  handler: async ({ ctx, params }) => ({ id: (await deleteWebhook({ ctx, input: params })).id, deleted: true as const }),
});

export const listDeliveriesRoute = restRoute({
  name: "GET /webhooks/{webhookId}/deliveries",
  auth: "required",
  params: WebhookIdParams,
  query: DeliveriesQuery,
  response: DeliveryListBody,
  handler: async ({ ctx, params, query }) => ({
    deliveries: (await listDeliveries({ ctx, input: { webhookId: params.webhookId, state: query.state, limit: query.limit } })).map(deliveryToWire),
  }),
});

/** Queues the delivery again, due now, with the same id and payload. */
export const redeliverRoute = restRoute({
  name: "POST /webhook-deliveries/{deliveryId}/redeliver",
  auth: "required",
  params: DeliveryIdParams,
  response: DeliveryBody,
  status: 202,
  handler: async ({ ctx, params }) => deliveryToWire(await redeliver({ ctx, input: params })),
});
