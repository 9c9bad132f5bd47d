import { and, desc, eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import { seal } from "../auth/encryption";
import { generateSecret } from "../auth/secrets";
import type { ServiceContext } from "../context";
import { notFound, validation } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { wakeWebhookDelivery } from "./wake";
import { webhookKey } from "./keys";
import { CreateWebhookInput, DeliveryRef, ListDeliveriesInput, ListWebhooksInput, UpdateWebhookInput, WebhookRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
type WebhookRow = typeof webhooks.$inferSelect;

/** A webhook as it is shown: never its secret, sealed or not. */
export function publicWebhook(row: WebhookRow) {
  const { secretEncrypted: _secret, ...rest } = row;
  return rest;
}
export type WebhookView = ReturnType<typeof publicWebhook>;

/** The webhook and the caller's access to its project; an outsider gets the same NOT_FOUND as for no webhook. */
async function webhookAccess(ctx: ServiceContext, webhookId: string) {
  const [row] = await ctx.db.select().from(webhooks).where(eq(webhooks.id, webhookId)).limit(1);
  if (!row) throw notFound("Webhook");
  const access = await projectAccess(ctx, row.projectId, "webhooks:manage");
  return { ...access, webhook: row };
}

/**
 * Subscribes a URL to a project's events. The signing secret (the caller's, or a generated
 * `whsec_…`) is stored sealed under the server secret and returned here once, never again.
 */
export async function createWebhook({ ctx, input, serverSecret }: Verb<CreateWebhookInput> & { serverSecret: string }) {
  const { project, actor } = await projectAccess(ctx, CreateWebhookInput.shape.projectId.parse(input.projectId), "webhooks:manage");
  const data = CreateWebhookInput.parse(input);
  const secret = data.secret ?? generateSecret("whsec");
  const id = createId("wh");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({
        id,
        projectId: project.id,
        url: data.url,
        events: data.events,
        active: data.active,
        secretEncrypted: seal(webhookKey(serverSecret), secret, id),
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "webhook.create",
      targetType: "webhook",
      targetId: id,
      data: { url: data.url, events: data.events, active: data.active, secretSuppliedByUser: data.secret !== undefined },
    });
    return { ...publicWebhook(row!), secret };
  });
}

/** A project's webhooks, oldest first. Their URLs may embed tokens, so reading them needs webhooks:manage. */
export async function listWebhooks({ ctx, input }: Verb<ListWebhooksInput>) {
  const { project } = await projectAccess(ctx, ListWebhooksInput.parse(input).projectId, "webhooks:manage");
  const rows = await ctx.db.select().from(webhooks).where(eq(webhooks.projectId, project.id)).orderBy(webhooks.createdAt, webhooks.id);
  return rows.map(publicWebhook);
}

/** Changes the URL, the events or whether it is active; the secret stays. */
export async function updateWebhook({ ctx, input }: Verb<UpdateWebhookInput>) {
  const data = UpdateWebhookInput.parse(input);
  const { project, actor, webhook } = await webhookAccess(ctx, data.webhookId);
  const patch = {
    ...(data.url !== undefined ? { url: data.url } : {}),
    ...(data.events !== undefined ? { events: data.events } : {}),
    ...(data.active !== undefined ? { active: data.active } : {}),
  };
  if (Object.keys(patch).length === 0) throw validation("Nothing to change: give url, events or active");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(webhooks.id, webhook.id))
      .returning();
    if (!row) throw notFound("Webhook");
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "webhook.update",
      targetType: "webhook",
      targetId: webhook.id,
      data: { before: { url: webhook.url, events: webhook.events, active: webhook.active }, after: patch },
    });
    return publicWebhook(row);
  });
}

/** Removes a webhook with its delivery log; deliveries not yet sent are dropped. */
export async function deleteWebhook({ ctx, input }: Verb<WebhookRef>) {
  const data = WebhookRef.parse(input);
  const { project, actor, webhook } = await webhookAccess(ctx, data.webhookId);
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(webhooks).where(eq(webhooks.id, webhook.id)).returning({ id: webhooks.id, url: webhooks.url });
    if (!gone) throw notFound("Webhook");
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "webhook.delete",
      targetType: "webhook",
      targetId: gone.id,
      data: { url: gone.url, events: webhook.events },
    });
    return { id: gone.id };
  });
}

/**
 * The delivery log of one webhook or a whole project, newest first, payloads included. Payloads
 * carry project data, so this needs webhooks:manage like the webhooks themselves.
 */
export async function listDeliveries({ ctx, input }: Verb<ListDeliveriesInput>) {
  const data = ListDeliveriesInput.parse(input);
  let projectId = data.projectId;
  if (data.webhookId) {
    const { project } = await webhookAccess(ctx, data.webhookId);
    if (projectId && projectId !== project.id) throw notFound("Webhook");
    projectId = project.id;
  } else {
    await projectAccess(ctx, projectId!, "webhooks:manage");
  }
  return ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.projectId, projectId!),
        data.webhookId ? eq(webhookDeliveries.webhookId, data.webhookId) : undefined,
        data.state ? eq(webhookDeliveries.state, data.state) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(data.limit);
}
export type WebhookDeliveryView = Awaited<ReturnType<typeof listDeliveries>>[number];

/**
 * Sends a delivery again (same id and payload, so receivers can de-duplicate): it becomes pending,
 * due now, with a fresh set of attempts. Works for failed, delivered and waiting deliveries alike;
 * one being sent at this very moment may then arrive twice, which the shared id makes harmless.
 */
export async function redeliver({ ctx, input }: Verb<DeliveryRef>) {
  const data = DeliveryRef.parse(input);
  const [found] = await ctx.db
    .select({ webhookId: webhookDeliveries.webhookId })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, data.deliveryId))
    .limit(1);
  if (!found) throw notFound("Delivery");
  const { project, actor, webhook } = await webhookAccess(ctx, found.webhookId);
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, data.deliveryId)).for("update");
    if (!before) throw notFound("Delivery");
    const [after] = await tx
      .update(webhookDeliveries)
      .set({ state: "pending", attempts: 0, nextAttemptAt: new Date(), deliveredAt: null })
      .where(eq(webhookDeliveries.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "webhook.redeliver",
      targetType: "webhook_delivery",
      targetId: before.id,
      data: { webhookId: webhook.id, event: before.event, previousState: before.state, previousAttempts: before.attempts },
    });
    return after!;
  });
  wakeWebhookDelivery();
  return row;
}
