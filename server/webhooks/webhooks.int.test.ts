import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { DbHandle } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import type { WebhookEvent } from "@/db/schema/enums";
import { testDatabases } from "@/db/testing/databases";
import { unseal } from "../auth/encryption";
import { openApiDocument } from "../http/openapi";
import { createWebhookRoute, deleteWebhookRoute, listDeliveriesRoute, listWebhooksRoute, redeliverRoute, updateWebhookRoute } from "../http/handlers/webhooks";
import { createProject } from "../projects/projects";
import { type Runtime, useRuntime } from "../runtime";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { createToken } from "../tokens/tokens";
import { createCaller } from "../trpc/root";
import { deliverDueWebhooks } from "./deliver";
import { enqueueWebhookEvent } from "./enqueue";
import { webhookKey } from "./keys";
import { MAX_ATTEMPTS } from "./retry-schedule";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from "./webhooks";

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  payload: Record<string, unknown>;
  signatureValid: boolean;
}

/**
 * A real HTTP receiver, as a customer would write one: it checks X-Trainyard-Signature against the
 * secret it was given at creation (computed here independently of the server's code), records what
 * arrived, and answers with the status set for its path (after an optional delay).
 */
async function startReceiver() {
  const endpoints = new Map<string, { secret: string; status: number; delayMs: number }>();
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const endpoint = endpoints.get(path);
      const timestamp = String(req.headers["x-trainyard-timestamp"] ?? "");
      const given = Buffer.from(String(req.headers["x-trainyard-signature"] ?? ""));
      const expected = Buffer.from(`sha256=${createHmac("sha256", endpoint?.secret ?? "").update(`${timestamp}.${body}`).digest("hex")}`);
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
      const signatureValid = !!endpoint && fresh && given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ path, headers: req.headers, body, payload: JSON.parse(body) as Record<string, unknown>, signatureValid });
      const answer = () => {
        const status = !endpoint ? 404 : !signatureValid ? 401 : endpoint.status;
        res.writeHead(status, { "content-type": "text/plain" }).end(status >= 300 ? "boom" : "ok");
      };
      if (endpoint?.delayMs) setTimeout(answer, endpoint.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** A new endpoint; set its secret once the webhook is created. */
    endpoint(status = 200, delayMs = 0) {
      const path = `/${uniq("hook")}`;
      const config = { secret: "", status, delayMs };
      endpoints.set(path, config);
      return { url: `http://127.0.0.1:${port}${path}`, path, config };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testDatabases)("project webhooks on $name", ({ open }) => {
  let h: DbHandle;
  let rt: Runtime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    h = await open();
    rt = testRuntime(h);
    useRuntime(rt);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  async function setup() {
    const t = await teamWithRoles(h.db, ["admin", "member", "viewer"]);
    const ctx = ctxFor(h.db, t.owner);
    const project = await createProject({ ctx, input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    return { ...t, ctx, project };
  }

  /** A webhook pointing at a fresh receiver endpoint that knows its secret. */
  async function hooked(s: Awaited<ReturnType<typeof setup>>, events: WebhookEvent[] = ["model_version.created"], status = 200, delayMs = 0) {
    const endpoint = receiver.endpoint(status, delayMs);
    const hook = await createWebhook({ ctx: s.ctx, input: { projectId: s.project.id, url: endpoint.url, events }, serverSecret: rt.secret });
    endpoint.config.secret = hook.secret;
    return { hook, endpoint };
  }

  const deliveriesOf = (webhookId: string) => h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
  const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

  it("returns the secret once at creation, seals it at rest, and never shows it again", async () => {
    const s = await setup();
    const created = await createWebhook({
      ctx: s.ctx,
      input: { projectId: s.project.id, url: "https://example.test/hooks/trainyard", events: ["promotion.applied", "model_version.created", "promotion.applied"] },
      serverSecret: rt.secret,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ projectId: s.project.id, active: true, events: ["promotion.applied", "model_version.created"] });
    expect(created).not.toHaveProperty("secretEncrypted");

    const listed = await listWebhooks({ ctx: s.ctx, input: { projectId: s.project.id } });
    expect(listed.map((w) => w.id)).toEqual([created.id]);
    expect(listed[0]).not.toHaveProperty("secret");
    expect(listed[0]).not.toHaveProperty("secretEncrypted");
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const [row] = await h.db.select().from(webhooks).where(eq(webhooks.id, created.id));
    expect(row!.secretEncrypted).not.toContain(created.secret.slice(6));
    expect(unseal(webhookKey(rt.secret), row!.secretEncrypted, created.id)).toBe(created.secret);

    const own = await createWebhook({
      ctx: s.ctx,
      input: { projectId: s.project.id, url: "http://10.0.0.5:8080/in", events: ["model_version.created"], secret: "my-own-secret-0123456789", active: false },
      serverSecret: rt.secret,
    });
    expect(own).toMatchObject({ secret: "my-own-secret-0123456789", active: false });

    const audits = await auditRows(h.db, s.team.id, "webhook.create");
    expect(audits.map((a) => a.targetId).sort()).toEqual([created.id, own.id].sort());
    expect(JSON.stringify(audits)).not.toContain(created.secret);
    expect(JSON.stringify(audits)).not.toContain("my-own-secret");

    for (const input of [{ url: "ftp://x.test/" }, { url: "javascript:alert(1)" }, { events: [] }, { events: ["run.finished"] }, { secret: "short" }]) {
      const attempt = createWebhook({
        ctx: s.ctx,
        input: { projectId: s.project.id, url: "https://x.test/", events: ["promotion.applied"], ...input } as never,
        serverSecret: rt.secret,
      });
      await expect(attempt, JSON.stringify(input)).rejects.toBeInstanceOf(ZodError);
    }
  });

  it("lets owners and admins manage webhooks; members and viewers are FORBIDDEN, outsiders NOT_FOUND", async () => {
    const s = await setup();
    const [admin, member, viewer] = s.members as [typeof s.owner, typeof s.owner, typeof s.owner];
    const outsider = await makeUser(h.db, "outsider");
    const { hook } = await hooked(s);
    await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", { model: "m", version: 1 });
    const [delivery] = await deliveriesOf(hook.id);

    const byAdmin = await createWebhook({ ctx: ctxFor(h.db, admin), input: { projectId: s.project.id, url: "https://a.test/", events: ["promotion.applied"] }, serverSecret: rt.secret });
    expect((await listWebhooks({ ctx: ctxFor(h.db, admin), input: { projectId: s.project.id } })).length).toBe(2);
    await updateWebhook({ ctx: ctxFor(h.db, admin), input: { webhookId: byAdmin.id, active: false } });

    for (const [who, code] of [
      [member, "FORBIDDEN"],
      [viewer, "FORBIDDEN"],
      [outsider, "NOT_FOUND"],
    ] as const) {
      const ctx = ctxFor(h.db, who);
      await expectDomainError(createWebhook({ ctx, input: { projectId: s.project.id, url: "https://x.test/", events: ["promotion.applied"] }, serverSecret: rt.secret }), code);
      await expectDomainError(listWebhooks({ ctx, input: { projectId: s.project.id } }), code);
      await expectDomainError(updateWebhook({ ctx, input: { webhookId: hook.id, active: false } }), code);
      await expectDomainError(deleteWebhook({ ctx, input: { webhookId: hook.id } }), code);
      await expectDomainError(listDeliveries({ ctx, input: { webhookId: hook.id } }), code);
      await expectDomainError(listDeliveries({ ctx, input: { projectId: s.project.id } }), code);
      await expectDomainError(redeliver({ ctx, input: { deliveryId: delivery!.id } }), code);
    }
    await expectDomainError(updateWebhook({ ctx: s.ctx, input: { webhookId: "wh_nope", active: false } }), "NOT_FOUND");
    await expectDomainError(redeliver({ ctx: s.ctx, input: { deliveryId: "whd_nope" } }), "NOT_FOUND");
    // Another project's id does not reach this webhook's log.
    const other = await createProject({ ctx: s.ctx, input: { teamSlug: s.team.slug, name: "Q", slug: uniq("q") } });
    await expectDomainError(listDeliveries({ ctx: s.ctx, input: { projectId: other.id, webhookId: hook.id } }), "NOT_FOUND");

    const caller = createCaller({ svc: ctxFor(h.db, member), rt, headers: new Headers() });
    const error = await caller.webhooks.list({ projectId: s.project.id }).then(() => null, (e: { code?: string }) => e);
    expect(error?.code).toBe("FORBIDDEN");
    // Nothing was changed by the refused calls.
    expect((await deliveriesOf(hook.id)).length).toBe(1);
    expect((await auditRows(h.db, s.team.id, "webhook.update")).length).toBe(1);
  });

  it("updates and deletes with audit rows; an inactive webhook or an unsubscribed event queues nothing", async () => {
    const s = await setup();
    const { hook } = await hooked(s, ["promotion.applied"]);
    expect(await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", {})).toBe(0);
    const updated = await updateWebhook({ ctx: s.ctx, input: { webhookId: hook.id, url: "https://new.test/x", events: ["model_version.created"], active: false } });
    expect(updated).toMatchObject({ url: "https://new.test/x", events: ["model_version.created"], active: false });
    expect(updated).not.toHaveProperty("secretEncrypted");
    expect(await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", {})).toBe(0);
    await updateWebhook({ ctx: s.ctx, input: { webhookId: hook.id, active: true } });
    expect(await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", {})).toBe(1);
    await expectDomainError(updateWebhook({ ctx: s.ctx, input: { webhookId: hook.id } }), "VALIDATION");
    await expect(updateWebhook({ ctx: s.ctx, input: { webhookId: hook.id, url: "file:///etc/passwd" } })).rejects.toBeInstanceOf(ZodError);

    const [audit] = await auditRows(h.db, s.team.id, "webhook.update");
    expect(audit).toMatchObject({ targetId: hook.id, actorUserId: s.owner.userId, projectId: s.project.id });
    expect(audit!.data).toMatchObject({ before: { url: hook.url, active: true }, after: { active: false } });
    expect((await auditRows(h.db, s.team.id, "webhook.update")).length).toBe(2);

    await deleteWebhook({ ctx: s.ctx, input: { webhookId: hook.id } });
    expect(await listWebhooks({ ctx: s.ctx, input: { projectId: s.project.id } })).toEqual([]);
    expect(await deliveriesOf(hook.id)).toEqual([]);
    expect((await auditRows(h.db, s.team.id, "webhook.delete")).map((a) => a.targetId)).toEqual([hook.id]);
    await expectDomainError(deleteWebhook({ ctx: s.ctx, input: { webhookId: hook.id } }), "NOT_FOUND");
  });

  it("delivers an event queued in a transaction, signed so that the receiver verifies it", async () => {
    const s = await setup();
    const { hook, endpoint } = await hooked(s);
    const { endpoint: other } = await hooked(s, ["promotion.applied"]);
    const queued = await h.db.transaction((tx) => enqueueWebhookEvent(tx, s.project.id, "model_version.created", { model: "resnet", version: 3 }));
    expect(queued).toBe(1);
    const [pending] = await deliveriesOf(hook.id);
    expect(pending).toMatchObject({ state: "pending", attempts: 0, event: "model_version.created" });

    const outcomes = await deliverDueWebhooks(h.db, rt.secret);
    expect(outcomes.find((o) => o.id === pending!.id)).toMatchObject({ state: "delivered", attempts: 1, status: 200 });

    const got = receivedAt(endpoint.path);
    expect(got.length).toBe(1);
    expect(got[0]!.signatureValid).toBe(true);
    expect(got[0]!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Trainyard-Webhooks",
      "x-trainyard-event": "model_version.created",
      "x-trainyard-delivery": pending!.id,
    });
    expect(got[0]!.headers["x-trainyard-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(got[0]!.payload).toMatchObject({ id: pending!.id, event: "model_version.created", project_id: s.project.id, data: { model: "resnet", version: 3 } });
    expect(receivedAt(other.path)).toEqual([]);

    const [delivered] = await listDeliveries({ ctx: s.ctx, input: { webhookId: hook.id } });
    expect(delivered).toMatchObject({ id: pending!.id, state: "delivered", attempts: 1, lastStatus: 200, lastError: null });
    expect(delivered!.deliveredAt).toBeInstanceOf(Date);
    expect((await listDeliveries({ ctx: s.ctx, input: { projectId: s.project.id } })).map((d) => d.id)).toEqual([pending!.id]);

    // Sent once: a second pass finds nothing due for it.
    await deliverDueWebhooks(h.db, rt.secret);
    expect(receivedAt(endpoint.path).length).toBe(1);
  });

  it("retries a failed delivery per the schedule, then gives up; redeliver queues it again", async () => {
    const s = await setup();
    const { hook, endpoint } = await hooked(s, ["promotion.applied"], 500);
    await enqueueWebhookEvent(h.db, s.project.id, "promotion.applied", { alias: "production" });
    const [queued] = await deliveriesOf(hook.id);

    let now = new Date(Date.now() + 1000);
    await deliverDueWebhooks(h.db, rt.secret, { now });
    let [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500: boom", deliveredAt: null });
    const wait = row!.nextAttemptAt.getTime() - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(8_000);
    expect(wait).toBeLessThanOrEqual(12_000);
    expect(receivedAt(endpoint.path).every((r) => r.signatureValid)).toBe(true);

    // Not due before its time.
    await deliverDueWebhooks(h.db, rt.secret, { now: new Date(now.getTime() + 5_000) });
    expect(receivedAt(endpoint.path).length).toBe(1);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      now = row!.nextAttemptAt;
      await deliverDueWebhooks(h.db, rt.secret, { now });
      [row] = await deliveriesOf(hook.id);
      expect(row!.attempts).toBe(attempt);
    }
    expect(row).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS, lastStatus: 500 });
    expect(receivedAt(endpoint.path).length).toBe(MAX_ATTEMPTS);
    await deliverDueWebhooks(h.db, rt.secret, { now: new Date(now.getTime() + 30 * 86_400_000) });
    expect(receivedAt(endpoint.path).length).toBe(MAX_ATTEMPTS);

    endpoint.config.status = 204;
    const again = await redeliver({ ctx: s.ctx, input: { deliveryId: queued!.id } });
    expect(again).toMatchObject({ id: queued!.id, state: "pending", attempts: 0 });
    const [audit] = await auditRows(h.db, s.team.id, "webhook.redeliver");
    expect(audit).toMatchObject({ targetId: queued!.id, data: { webhookId: hook.id, previousState: "failed", previousAttempts: MAX_ATTEMPTS } });
    await deliverDueWebhooks(h.db, rt.secret, { now: new Date(Date.now() + 1000) });
    [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 204, lastError: null });
    const last = receivedAt(endpoint.path).at(-1)!;
    expect(last.signatureValid).toBe(true);
    expect(last.headers["x-trainyard-delivery"]).toBe(queued!.id);
  });

  it("records a receiver that cannot be reached as a failed attempt", async () => {
    const s = await setup();
    const hook = await createWebhook({ ctx: s.ctx, input: { projectId: s.project.id, url: "http://127.0.0.1:1/nothing-here", events: ["promotion.applied"] }, serverSecret: rt.secret });
    await enqueueWebhookEvent(h.db, s.project.id, "promotion.applied", {});
    await deliverDueWebhooks(h.db, rt.secret, { now: new Date(Date.now() + 1000) });
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastStatus: null });
    expect(row!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it("queues nothing when the transaction rolls back", async () => {
    const s = await setup();
    const { hook } = await hooked(s);
    await expect(
      h.db.transaction(async (tx) => {
        expect(await enqueueWebhookEvent(tx, s.project.id, "model_version.created", { model: "m" })).toBe(1);
        throw new Error("the registry change failed");
      }),
    ).rejects.toThrow("the registry change failed");
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });

  it("sends each delivery once when two passes run at the same time", async () => {
    const s = await setup();
    const { hook, endpoint } = await hooked(s, ["model_version.created"], 200, 150);
    for (let i = 0; i < 4; i++) await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", { version: i });
    const ids = (await deliveriesOf(hook.id)).map((d) => d.id).sort();
    const now = new Date(Date.now() + 1000);
    const passes = await Promise.all([deliverDueWebhooks(h.db, rt.secret, { now }), deliverDueWebhooks(h.db, rt.secret, { now })]);
    const sent = receivedAt(endpoint.path).map((r) => r.headers["x-trainyard-delivery"] as string);
    expect(sent.sort()).toEqual(ids);
    const claimed = passes.flat().filter((o) => ids.includes(o.id));
    expect(claimed.map((o) => o.id).sort()).toEqual(ids);
    expect((await deliveriesOf(hook.id)).every((d) => d.state === "delivered" && d.attempts === 1)).toBe(true);
  });

  it("serves the REST routes: the secret only in the create answer", async () => {
    const s = await setup();
    const { token } = await createToken({ ctx: s.ctx, input: { name: "t" } });
    const { token: memberToken } = await createToken({ ctx: ctxFor(h.db, s.members[1]!), input: { name: "t" } });
    const call = (route: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, params: Record<string, string>, init: { method?: string; body?: unknown; bearer?: string; query?: string } = {}) =>
      route(
        new Request(`http://localhost/api${init.query ?? ""}`, {
          method: init.method ?? "GET",
          headers: { authorization: `Bearer ${init.bearer ?? token}`, "content-type": "application/json" },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }),
        { params: Promise.resolve(params) },
      );
    const endpoint = receiver.endpoint();
    const created = await call(createWebhookRoute, { projectId: s.project.id }, { method: "POST", body: { url: endpoint.url, events: ["model_version.created"] } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; secret: string; events: string[]; active: boolean };
    expect(body).toMatchObject({ events: ["model_version.created"], active: true, project_id: s.project.id });
    expect(body.secret).toMatch(/^whsec_/);
    endpoint.config.secret = body.secret;

    const list = await call(listWebhooksRoute, { projectId: s.project.id });
    const listed = (await list.json()) as { webhooks: Record<string, unknown>[] };
    expect(listed.webhooks.map((w) => w.id)).toEqual([body.id]);
    expect(listed.webhooks[0]).not.toHaveProperty("secret");
    expect((await call(listWebhooksRoute, { projectId: s.project.id }, { bearer: memberToken })).status).toBe(403);
    expect((await call(createWebhookRoute, { projectId: s.project.id }, { method: "POST", body: { url: "ftp://x/", events: ["promotion.applied"] } })).status).toBe(422);
    expect((await call(createWebhookRoute, { projectId: s.project.id }, { method: "POST", body: { url: "https://x.test/", events: ["promotion.applied"], extra: 1 } })).status).toBe(422);

    await enqueueWebhookEvent(h.db, s.project.id, "model_version.created", { version: 7 });
    await deliverDueWebhooks(h.db, rt.secret, { now: new Date(Date.now() + 1000) });
    const deliveries = (await (await call(listDeliveriesRoute, { webhookId: body.id }, { query: "?state=delivered&limit=10" })).json()) as { deliveries: { id: string; state: string; attempts: number; last_status: number; payload: { data: unknown } }[] };
    expect(deliveries.deliveries).toHaveLength(1);
    expect(deliveries.deliveries[0]).toMatchObject({ state: "delivered", attempts: 1, last_status: 200, payload: { data: { version: 7 } } });
    expect(receivedAt(endpoint.path).map((r) => r.signatureValid)).toEqual([true]);

    const redelivered = await call(redeliverRoute, { deliveryId: deliveries.deliveries[0]!.id }, { method: "POST" });
    expect(redelivered.status).toBe(202);
    expect(await redelivered.json()).toMatchObject({ state: "pending", attempts: 0 });

    const patched = await call(updateWebhookRoute, { webhookId: body.id }, { method: "PATCH", body: { active: false } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: body.id, active: false });
    expect((await call(deleteWebhookRoute, { webhookId: body.id }, { method: "DELETE", bearer: memberToken })).status).toBe(403);
    const deleted = await call(deleteWebhookRoute, { webhookId: body.id }, { method: "DELETE" });
    expect(await deleted.json()).toEqual({ id: body.id, deleted: true });
    expect((await call(listDeliveriesRoute, { webhookId: body.id })).status).toBe(404);

    const ops = Object.entries(openApiDocument().paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      "GET /api/v1/projects/{projectId}/webhooks",
      "POST /api/v1/projects/{projectId}/webhooks",
      "PATCH /api/v1/webhooks/{webhookId}",
      "DELETE /api/v1/webhooks/{webhookId}",
      "GET /api/v1/webhooks/{webhookId}/deliveries",
      "POST /api/v1/webhook-deliveries/{deliveryId}/redeliver",
    ]) {
      expect(ops).toContain(op);
    }
  });
});
