import { CreateWebhookInput, DeliveryRef, ListDeliveriesInput, ListWebhooksInput, UpdateWebhookInput, WebhookRef } from "../../webhooks/schemas";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from "../../webhooks/webhooks";
import { authedProcedure, createTRPCRouter } from "../init";

export const webhooksRouter = createTRPCRouter({
  list: authedProcedure.input(ListWebhooksInput).query(({ ctx, input }) => listWebhooks({ ctx: ctx.svc, input })),
  create: authedProcedure
    .input(CreateWebhookInput)
    .mutation(({ ctx, input }) => createWebhook({ ctx: ctx.svc, input, serverSecret: ctx.rt.secret })),
  update: authedProcedure.input(UpdateWebhookInput).mutation(({ ctx, input }) => updateWebhook({ ctx: ctx.svc, input })),
  delete: authedProcedure.input(WebhookRef).mutation(({ ctx, input }) => deleteWebhook({ ctx: ctx.svc, input })),
  deliveries: authedProcedure.input(ListDeliveriesInput).query(({ ctx, input }) => listDeliveries({ ctx: ctx.svc, input })),
  redeliver: authedProcedure.input(DeliveryRef).mutation(({ ctx, input }) => redeliver({ ctx: ctx.svc, input })),
});
