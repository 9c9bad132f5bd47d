import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import type { WebhookDeliveryState } from "@/db/schema/enums";
import { unseal } from "../auth/encryption";
import type { Logger } from "../logger";
import { webhookKey } from "./keys";
import { retryDelayMs } from "./retry-schedule";
import { signatureOf } from "./signature";
import { onWebhookWake } from "./wake";

/** A receiver has this long to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
// A claimed delivery is not due again for this long, so that no other server process sends it
// while this one waits for the answer; longer than the timeout, short enough to recover a crash.
const LEASE_MS = 60_000;
const BATCH = 10;
const ERROR_CHARS = 500;

export interface DeliverOptions {
  /** The scheduler's clock (tests move it); signatures always carry the real time. */
  now?: Date;
  fetch?: typeof fetch;
  limit?: number;
  random?: () => number;
  log?: Logger;
}

export interface DeliveryOutcome {
  id: string;
  state: WebhookDeliveryState;
  attempts: number;
  status: number | null;
  error: string | null;
}

type Claimed = typeof webhookDeliveries.$inferSelect;

/**
 * Claims due deliveries: locks them with SKIP LOCKED (rows another process is claiming are passed
 * over) and moves their next_attempt_at forward as a lease, in one transaction. Once it commits, a
 * concurrent pass no longer sees them as due.
 */
async function claimDue(db: DbOrTx, now: Date, leaseUntil: Date, limit: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.state, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          // A paused webhook keeps its queue; it is sent once the webhook is active again.
          inArray(webhookDeliveries.webhookId, tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.active, true))),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: leaseUntil })
      .where(
        and(
          inArray(
            webhookDeliveries.id,
            due.map((d) => d.id),
          ),
          eq(webhookDeliveries.state, "pending"),
        ),
      )
      .returning();
  });
}

function truncate(text: string): string {
  return text.length > ERROR_CHARS ? `${text.slice(0, ERROR_CHARS - 1)}…` : text;
}

/** The start of a response body, for the delivery log; the rest is discarded unread. */
async function bodySnippet(response: Response, max = 300): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut off or timed out: what arrived is enough for the log.
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, max).trim();
}

function describeError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  if (error instanceof Error) {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    const detail = cause?.code ?? cause?.message;
    return detail ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}

/** One POST: the status (null when none came back) and, unless it was 2xx, what went wrong. */
async function send(
  delivery: Claimed,
  hook: { url: string; secret: string },
  fetchImpl: typeof fetch,
): Promise<{ status: number | null; error: string | null }> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetchImpl(hook.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Trainyard-Webhooks",
        "X-Trainyard-Event": delivery.event,
        "X-Trainyard-Delivery": delivery.id,
        "X-Trainyard-Timestamp": String(timestamp),
        "X-Trainyard-Signature": signatureOf(hook.secret, timestamp, body),
      },
      body,
      // A redirect is an answer, not a success: following it would send the payload elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const snippet = await bodySnippet(response);
    if (response.status >= 200 && response.status < 300) return { status: response.status, error: null };
    return { status: response.status, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}` };
  } catch (error) {
    return { status: null, error: describeError(error) };
  }
}

/** Opens the webhook's secret and sends; a secret that no longer opens is a failed attempt. */
async function attempt(
  delivery: Claimed,
  hook: { id: string; url: string; secretEncrypted: string } | undefined,
  serverSecret: string,
  fetchImpl: typeof fetch,
): Promise<{ status: number | null; error: string | null }> {
  if (!hook) return { status: null, error: "The webhook was deleted" };
  let secret: string;
  try {
    secret = unseal(webhookKey(serverSecret), hook.secretEncrypted, hook.id);
  } catch {
    return { status: null, error: "Cannot read the signing secret (was the server secret changed?)" };
  }
  return send(delivery, { url: hook.url, secret }, fetchImpl);
}

/**
 * One pass of the delivery loop: claims the deliveries that are due, POSTs each, and records the
 * result. A 2xx answer delivers; anything else waits per the retry schedule, and the last allowed
 * failure marks the delivery failed. A result is written only while this pass still holds the lease.
 */
export async function deliverDueWebhooks(db: DbOrTx, serverSecret: string, options: DeliverOptions = {}): Promise<DeliveryOutcome[]> {
  const fetchImpl = options.fetch ?? fetch;
  const claimedAt = options.now ?? new Date();
  const leaseUntil = new Date(claimedAt.getTime() + LEASE_MS);
  const claimed = await claimDue(db, claimedAt, leaseUntil, options.limit ?? BATCH);
  if (claimed.length === 0) return [];
  const hooks = await db
    .select({ id: webhooks.id, url: webhooks.url, secretEncrypted: webhooks.secretEncrypted })
    .from(webhooks)
    .where(inArray(webhooks.id, [...new Set(claimed.map((d) => d.webhookId))]));
  const hookById = new Map(hooks.map((h) => [h.id, h]));

  return Promise.all(
    claimed.map(async (delivery): Promise<DeliveryOutcome> => {
      const result = await attempt(delivery, hookById.get(delivery.webhookId), serverSecret, fetchImpl);
      const attempts = delivery.attempts + 1;
      const finishedAt = options.now ?? new Date();
      const delay = result.error === null ? null : retryDelayMs(attempts, options.random);
      const state: WebhookDeliveryState = result.error === null ? "delivered" : delay === null ? "failed" : "pending";
      await db
        .update(webhookDeliveries)
        .set({
          state,
          attempts,
          lastStatus: result.status,
          lastError: result.error === null ? null : truncate(result.error),
          nextAttemptAt: delay === null ? finishedAt : new Date(finishedAt.getTime() + delay),
          ...(state === "delivered" ? { deliveredAt: finishedAt } : {}),
        })
        .where(
          and(
            eq(webhookDeliveries.id, delivery.id),
            eq(webhookDeliveries.state, "pending"),
            eq(webhookDeliveries.nextAttemptAt, leaseUntil),
          ),
        );
      if (result.error !== null) {
        options.log?.warn({ deliveryId: delivery.id, webhookId: delivery.webhookId, attempts, state, status: result.status, error: result.error }, "webhook delivery failed");
      }
      return { id: delivery.id, state, attempts, status: result.status, error: result.error };
    }),
  );
}

/**
 * Runs deliverDueWebhooks every couple of seconds in the server process, and at once when woken;
 * a full batch is followed straight away by another pass. Failures are logged, not thrown.
 */
export function startWebhookDelivery(db: DbOrTx, serverSecret: string, log: Logger, intervalMs = 2000): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    deliverDueWebhooks(db, serverSecret, { log })
      .then((outcomes) => {
        if (outcomes.length >= BATCH) again = true;
      })
      .catch((error: unknown) => log.error({ err: error }, "webhook delivery pass failed"))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  const off = onWebhookWake(pass);
  return () => {
    stopped = true;
    clearInterval(timer);
    off();
  };
}
