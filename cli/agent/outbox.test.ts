import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../http/errors";
import { silentLogger } from "../logger";
import { Outbox, type OutboxEntry } from "./outbox";
import { runDeliverer } from "./run-api";

interface Received {
  path: string;
  auth: string | undefined;
  key: string | undefined;
  body: { lines?: { text: string }[]; points?: unknown[]; idempotency_key?: string };
}

/** A stand-in for the run endpoints that refuses (503) its first `refusals` requests. */
async function flakyServer(refusals: number, port = 0) {
  const received: Received[] = [];
  let requests = 0;
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    requests++;
    const body = JSON.parse(text) as Received["body"];
    const reply = (status: number, json: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (requests <= refusals) return reply(503, { error: { code: "UNAVAILABLE", message: "restarting" } });
    if (body.lines?.some((l) => l.text === "poison")) return reply(400, { error: { code: "VALIDATION", message: "bad line" } });
    received.push({ path: req.url ?? "", auth: req.headers.authorization, key: req.headers["idempotency-key"] as string | undefined, body });
    if (req.url?.endsWith("/logs")) return reply(200, { accepted: body.lines?.length ?? 0 });
    return reply(200, { accepted: body.points?.length ?? 0, rejected: [], duplicate: false });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, requests: () => requests };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const logs = (...texts: string[]): OutboxEntry => ({
  kind: "logs",
  body: { lines: texts.map((text) => ({ stream: "stdout", text, timestamp: 1 })) },
  idempotencyKey: `logs-${texts.join("-")}`,
});
const metrics = (key: string): OutboxEntry => ({ kind: "metrics", body: { points: [{ key: "loss", value: 1, step: 1, timestamp: 1 }], idempotency_key: key } });

async function openOutbox(server: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "trainyard-outbox-"));
  const file = path.join(dir, "outbox.jsonl");
  const deliver = runDeliverer({ server, runToken: "ty_run", runId: "run_1" }, silentLogger, "job test");
  let attempts = 0;
  const outbox = await Outbox.open({
    file,
    deliver: (...args: Parameters<typeof deliver>) => {
      attempts++;
      return deliver(...args);
    },
    logger: silentLogger,
    label: "job test",
    firstDelayMs: 5,
    maxDelayMs: 20,
  });
  return { outbox, file, attempts: () => attempts };
}

const spool = (file: string) =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("Outbox", () => {
  it("retries through refusals and delivers every batch once, in order, with the run token", async () => {
    const server = await flakyServer(4);
    const { outbox } = await openOutbox(server.url);
    outbox.push(logs("a", "b"));
    outbox.push(metrics("batch-1"));
    outbox.push(logs("c"));
    await outbox.drain();
    await outbox.close();

    expect(server.requests()).toBe(4 + 3);
    expect(server.received.map((r) => r.path)).toEqual(["/api/v1/runs/run_1/logs", "/api/v1/runs/run_1/metrics", "/api/v1/runs/run_1/logs"]);
    expect(server.received.every((r) => r.auth === "Bearer ty_run")).toBe(true);
    expect(server.received.flatMap((r) => r.body.lines?.map((l) => l.text) ?? [])).toEqual(["a", "b", "c"]);
    expect(server.received[1]!.body.idempotency_key).toBe("batch-1");
    expect(server.received.map((r) => r.key)).toEqual(["logs-a-b", "batch-1", "logs-c"]);
    expect(outbox.delivered).toBe(3);
  });

  it("writes each batch to the spool before sending it, then records its acknowledgement", async () => {
    const server = await flakyServer(2);
    const { outbox, file } = await openOutbox(server.url);
    outbox.push(logs("a"));
    outbox.push(metrics("k"));
    await outbox.drain();
    await outbox.close();
    expect(spool(file)).toEqual([
      { seq: 1, ...logs("a") },
      { seq: 2, ...metrics("k") },
      { ack: 1 },
      { ack: 2 },
    ]);
  });

  it("keeps batches queued while nothing listens, and delivers them when the server comes up", async () => {
    // Learn a free port, then leave it closed: connections are refused as with a server that is down.
    const probe = await flakyServer(0);
    const port = Number(new URL(probe.url).port);
    await new Promise((resolve) => servers.pop()!.close(resolve));

    const { outbox, attempts } = await openOutbox(probe.url);
    for (let i = 0; i < 5; i++) outbox.push(logs(`line ${i}`));
    // Several refused deliveries, and still everything queued.
    await expect.poll(attempts).toBeGreaterThanOrEqual(3);
    expect(outbox.pending).toBe(5);

    const server = await flakyServer(1, port);
    await outbox.drain();
    await outbox.close();
    expect(server.received.flatMap((r) => r.body.lines?.map((l) => l.text) ?? [])).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4"]);
  });

  it("drops a batch the server refuses for good and goes on with the next", async () => {
    const server = await flakyServer(0);
    const { outbox, file } = await openOutbox(server.url);
    outbox.push(logs("poison"));
    outbox.push(logs("fine"));
    await outbox.drain();
    await outbox.close();
    expect(server.received.map((r) => r.body.lines?.[0]?.text)).toEqual(["fine"]);
    expect(outbox.dropped).toBe(1);
    expect(spool(file).slice(2)).toEqual([{ drop: 1 }, { ack: 2 }]);
  });

  it("sends a batch pushed the moment the previous drain resolved", async () => {
    const sent: string[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), "trainyard-outbox-"));
    const outbox = await Outbox.open({
      file: path.join(dir, "outbox.jsonl"),
      deliver: async (entry) => {
        if (entry.kind === "logs") sent.push(entry.body.lines[0]!.text);
      },
      logger: silentLogger,
      label: "job test",
    });
    outbox.push(logs("first"));
    await outbox.drain();
    outbox.push(logs("second"));
    await outbox.drain();
    await outbox.close();
    expect(sent).toEqual(["first", "second"]);
  });

  it("sends the same idempotency key on every retry of a metric batch", async () => {
    const keys: string[] = [];
    let calls = 0;
    const dir = mkdtempSync(path.join(tmpdir(), "trainyard-outbox-"));
    const outbox = await Outbox.open({
      file: path.join(dir, "outbox.jsonl"),
      deliver: async (entry) => {
        if (entry.kind === "metrics") keys.push(entry.body.idempotency_key);
        if (++calls < 3) throw new ApiError(503, "UNAVAILABLE", "restarting");
      },
      logger: silentLogger,
      label: "job test",
      firstDelayMs: 1,
    });
    outbox.push(metrics("stable"));
    await outbox.drain();
    await outbox.close();
    expect(keys).toEqual(["stable", "stable", "stable"]);
  });
});
