import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import type { WebhookEvent } from "@/db/schema/enums";
import { createId } from "../ids";

/**
 * Queues one delivery per active webhook of the project that subscribes to the event. Call it inside
 * the transaction of the change it reports, so an event is sent exactly when the change committed.
 */
export async function enqueueWebhookEvent(
  tx: DbOrTx,
  projectId: string,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<number> {
  const hooks = await tx
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(and(eq(webhooks.projectId, projectId), eq(webhooks.active, true)));
  const subscribed = hooks.filter((h) => h.events.includes(event));
  if (subscribed.length === 0) return 0;
  const occurredAt = new Date().toISOString();
  await tx.insert(webhookDeliveries).values(
    subscribed.map((h) => {
      const id = createId("whd");
      return { id, webhookId: h.id, projectId, event, payload: { id, event, project_id: projectId, occurred_at: occurredAt, data } };
    }),
  );
  return subscribed.length;
}
