import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import { getArtifactRoute, listArtifactsRoute, putArtifactRoute } from "../http/handlers/artifacts";
import { appendLogsRoute, listLogsRoute } from "../http/handlers/logs";
import { MetricSeriesBody } from "../http/contracts/tracking";
import { getMetricRoute, logMetricsRoute } from "../http/handlers/metrics";
import { createRunRoute, getRunRoute, listRunsRoute, logDatasetsRoute, logParamsRoute, setTagsRoute, updateRunRoute } from "../http/handlers/runs";
import { useRuntime } from "../runtime";
import { createToken } from "../tokens/tokens";
import { ctxFor, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { createProject } from "../projects/projects";

type Json = Record<string, unknown>;
const req = (method: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api", {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const at = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });

describe.each(testDatabases)("tracking REST API on $name", ({ open }) => {
  let h: DbHandle;
  let token: string;
  let strangerToken: string;
  let projectId: string;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
    const { team, owner } = await teamWithRoles(h.db);
    const stranger = await teamWithRoles(h.db);
    projectId = (await createProject({ ctx: ctxFor(h.db, owner), input: { teamSlug: team.slug, name: "P", slug: uniq("p") } })).id;
    token = (await createToken({ ctx: ctxFor(h.db, owner), input: { name: "t" } })).token;
    strangerToken = (await createToken({ ctx: ctxFor(h.db, stranger.owner), input: { name: "t" } })).token;
  });
  afterAll(async () => {
    await h.close();
  });

  async function newRun(body: Json = {}) {
    const res = await createRunRoute(req("POST", body, token), at({ projectId }));
    expect(res.status).toBe(201);
    return (await res.json()) as Json & { id: string };
  }
  const postMetrics = (runId: string, body: unknown, headers?: Record<string, string>) =>
    logMetricsRoute(req("POST", body, token, headers), at({ runId }));
  const getRunJson = async (runId: string, t = token) => (await (await getRunRoute(req("GET", undefined, t), at({ runId }))).json()) as Json;

  it("creates a run with params, tags and source, and lists it", async () => {
    const run = await newRun({
      name: "baseline",
      params: { lr: 0.001, layers: 3, amp: true, opt: "adam" },
      tags: { team: "vision" },
      source: { git_url: "https://example.test/repo.git", commit: "abc123" },
    });
    expect(run.id).toMatch(/^run_/);
    expect(run).toMatchObject({ name: "baseline", status: "running", params: { lr: "0.001", layers: "3", amp: "true", opt: "adam" }, tags: { team: "vision" }, source: { commit: "abc123" }, ended_at: null });
    const list = (await (await listRunsRoute(req("GET", undefined, token), at({ projectId }))).json()) as { runs: { id: string }[] };
    expect(list.runs.map((r) => r.id)).toContain(run.id);
    expect((await createRunRoute(req("POST", { name: 5 }, token), at({ projectId }))).status).toBe(422);
  });

  it("keeps params immutable (409 on a changed value) and tags mutable", async () => {
    const { id } = await newRun({ params: { lr: "0.1" } });
    expect((await logParamsRoute(req("POST", { params: { lr: "0.1", bs: 32 } }, token), at({ runId: id }))).status).toBe(200);
    const clash = await logParamsRoute(req("POST", { params: { lr: "0.2" } }, token), at({ runId: id }));
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    await setTagsRoute(req("POST", { tags: { stage: "a" } }, token), at({ runId: id }));
    await setTagsRoute(req("POST", { tags: { stage: "b" } }, token), at({ runId: id }));
    expect(await getRunJson(id)).toMatchObject({ params: { lr: "0.1", bs: "32" }, tags: { stage: "b" } });
  });

  it("ends a run once: the end time is set, and an ended run cannot be reopened", async () => {
    const { id } = await newRun();
    const ended = (await (await updateRunRoute(req("PATCH", { status: "succeeded", notes: "# done" }, token), at({ runId: id }))).json()) as Json;
    expect(ended).toMatchObject({ status: "succeeded", notes: "# done" });
    expect(ended.ended_at).toEqual(expect.any(String));
    expect((await updateRunRoute(req("PATCH", { status: "running" }, token), at({ runId: id }))).status).toBe(412);
    expect((await updateRunRoute(req("PATCH", { status: "done" }, token), at({ runId: id }))).status).toBe(422);
  });

  it("stores metric batches with summaries, reports bad items (207) and ignores a retried batch", async () => {
    const { id } = await newRun();
    const points = Array.from({ length: 1000 }, (_, i) => ({ key: "train/loss", value: 1 / (i + 1), step: i, timestamp: 1_700_000_000_000 + i }));
    const first = await postMetrics(id, { points });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 1000, rejected: [], duplicate: false });
    const retry = await postMetrics(id, { points });
    expect(await retry.json()).toMatchObject({ accepted: 1000, duplicate: true });

    const mixed = await postMetrics(id, {
      points: [{ key: "acc", value: 0.5, step: 1 }, { key: "acc", value: "high", step: 2 }, { key: "bad key!", value: 1 }, { key: "acc", value: 0.7, step: 1.5 }, { key: "acc", value: 0.9, step: 3 }],
      idempotency_key: "batch-1",
    });
    expect(mixed.status).toBe(207);
    const body = (await mixed.json()) as { accepted: number; rejected: { index: number }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    // Same idempotency key again: nothing stored twice.
    await postMetrics(id, { points: [{ key: "acc", value: 0.5, step: 1 }, { key: "acc", value: 0.9, step: 3 }] }, { "idempotency-key": "batch-1" });

    const run = await getRunJson(id);
    const byKey = Object.fromEntries((run.metrics as { key: string }[]).map((m) => [m.key, m]));
    expect(byKey["train/loss"]).toMatchObject({ count: 1000, last: 1 / 1000, last_step: 999, min: 1 / 1000, max: 1 });
    expect(byKey.acc).toMatchObject({ count: 2, last: 0.9, last_step: 3, min: 0.5, max: 0.9 });
  });

  it("answers 413 for more than 10,000 points and 400 for broken JSON", async () => {
    const { id } = await newRun();
    const points = Array.from({ length: 10_001 }, (_, i) => ({ key: "x", value: i, step: i }));
    expect((await postMetrics(id, { points })).status).toBe(413);
    expect((await postMetrics(id, "{")).status).toBe(400);
    expect(((await getRunJson(id)).metrics as unknown[]).length).toBe(0);
  });

  it("round-trips NaN and ±Infinity and keeps them out of min and max", async () => {
    const { id } = await newRun();
    await postMetrics(id, { points: [{ key: "v", value: 1, step: 0 }, { key: "v", value: "NaN", step: 1 }, { key: "v", value: "Infinity", step: 2 }, { key: "v", value: "-Infinity", step: 3 }, { key: "v", value: "NaN", step: 4 }] });
    const series = (await (await getMetricRoute(req("GET", undefined, token), at({ runId: id, key: ["v"] }))).json()) as { points: { value: unknown }[] };
    expect(series.points.map((p) => p.value)).toEqual([1, "NaN", "Infinity", "-Infinity", "NaN"]);
    const summary = ((await getRunJson(id)).metrics as Json[])[0];
    expect(summary).toMatchObject({ count: 5, last: "NaN", min: "-Infinity", max: "Infinity" });
  });

  it("downsamples a large series on the server, keeping every spike, and serves step ranges exactly", async () => {
    const { id } = await newRun();
    const n = 20_000;
    for (let start = 0; start < n; start += 10_000) {
      const points = Array.from({ length: 10_000 }, (_, i) => ({ key: "val/acc", value: start + i === 12_345 ? 1e6 : Math.sin((start + i) / 100), step: start + i }));
      expect((await postMetrics(id, { points })).status).toBe(200);
    }
    const get = async (query: string) =>
      (await (await getMetricRoute(new Request(`http://localhost/api?${query}`, { headers: { authorization: `Bearer ${token}` } }), at({ runId: id, key: ["val", "acc"] }))).json()) as {
        aggregated: boolean;
        total: number;
        points: { step: number; value: number; max?: number }[];
      };
    const sampled = await get("max_points=500");
    expect(sampled.total).toBe(n);
    expect(sampled.aggregated).toBe(true);
    expect(sampled.points.length).toBeLessThanOrEqual(500);
    expect(Math.max(...sampled.points.map((p) => p.max ?? p.value))).toBe(1e6);
    const exact = await get("from_step=12340&to_step=12349&max_points=1000");
    expect(exact.aggregated).toBe(false);
    expect(exact.points.map((p) => p.step)).toEqual(Array.from({ length: 10 }, (_, i) => 12_340 + i));
    expect(exact.points[5]!.value).toBe(1e6);
    // The route sends its answer without a schema pass: it must still be exactly the contract.
    expect(MetricSeriesBody.parse(sampled)).toEqual(sampled);
    expect(MetricSeriesBody.parse(exact)).toEqual(exact);
    const whole = (await get("max_points=100000")) as unknown as { points: unknown[] };
    expect(whole.points).toHaveLength(n);
    expect(MetricSeriesBody.parse(whole)).toEqual(whole);
  });

  it("appends logs in order and pages them with after=", async () => {
    const { id } = await newRun();
    const lines = Array.from({ length: 5 }, (_, i) => ({ stream: i % 2 ? "stderr" : "stdout", text: `line ${i}` }));
    expect((await appendLogsRoute(req("POST", { lines }, token), at({ runId: id }))).status).toBe(200);
    const page = async (after?: number) =>
      (await (await listLogsRoute(new Request(`http://localhost/api${after ? `?after=${after}&limit=2` : "?limit=2"}`, { headers: { authorization: `Bearer ${token}` } }), at({ runId: id }))).json()) as {
        lines: { text: string; stream: string }[];
        next_after: number;
      };
    const p1 = await page();
    const p2 = await page(p1.next_after);
    const p3 = await page(p2.next_after);
    expect([...p1.lines, ...p2.lines, ...p3.lines].map((l) => l.text)).toEqual(lines.map((l) => l.text));
    expect(p1.lines[1]!.stream).toBe("stderr");
    expect((await appendLogsRoute(req("POST", { lines: [{ stream: "stdlog", text: "x" }] }, token), at({ runId: id }))).status).toBe(422);
  });

  it("stores a retried log batch with the same idempotency key once", async () => {
    const { id } = await newRun();
    const batch = { lines: [{ text: "epoch 1" }, { text: "epoch 2" }], idempotency_key: "b-1" };
    for (let i = 0; i < 3; i++) expect((await appendLogsRoute(req("POST", batch, token), at({ runId: id }))).status).toBe(200);
    await appendLogsRoute(req("POST", { ...batch, idempotency_key: "b-2" }, token), at({ runId: id }));
    const all = (await (await listLogsRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${token}` } }), at({ runId: id }))).json()) as { lines: { text: string }[] };
    expect(all.lines.map((l) => l.text)).toEqual(["epoch 1", "epoch 2", "epoch 1", "epoch 2"]);
  });

  it("stores artifacts by content, lists and serves them, and refuses escaping paths", async () => {
    const { id } = await newRun();
    const bytes = new TextEncoder().encode("weights ".repeat(1000));
    const put = await putArtifactRoute(new Request("http://localhost/api", { method: "PUT", body: bytes, headers: { authorization: `Bearer ${token}`, "content-type": "application/x-weights" } }), at({ runId: id, path: ["model", "w.bin"] }));
    expect(put.status).toBe(201);
    const stored = (await put.json()) as { sha256: string; size: number };
    expect(stored.size).toBe(bytes.length);
    const got = await getArtifactRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${token}` } }), at({ runId: id, path: ["model", "w.bin"] }));
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/x-weights");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const list = (await (await listArtifactsRoute(req("GET", undefined, token), at({ runId: id }))).json()) as { artifacts: Json[] };
    expect(list.artifacts).toEqual([expect.objectContaining({ path: "model/w.bin", sha256: stored.sha256, size: bytes.length })]);
    for (const path of [["..", "etc", "passwd"], ["a", "..", "..", "b"], ["."]]) {
      const res = await putArtifactRoute(new Request("http://localhost/api", { method: "PUT", body: "x", headers: { authorization: `Bearer ${token}` } }), at({ runId: id, path }));
      expect(res.status).toBe(422);
    }
    const missing = await getArtifactRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${token}` } }), at({ runId: id, path: ["nope"] }));
    expect(missing.status).toBe(404);
  });

  it("records dataset references", async () => {
    const { id } = await newRun();
    await logDatasetsRoute(req("POST", { datasets: [{ uri: "s3://bucket/digits.npz", digest: "sha256:abc", name: "digits", context: "train" }] }, token), at({ runId: id }));
    expect((await getRunJson(id)).datasets).toEqual([{ uri: "s3://bucket/digits.npz", digest: "sha256:abc", name: "digits", context: "train" }]);
  });

  it("answers 404 for every endpoint of another team's run, and 401 without a token", async () => {
    const { id } = await newRun({ params: { a: "1" } });
    const s = strangerToken;
    const statuses = [
      (await getRunRoute(req("GET", undefined, s), at({ runId: id }))).status,
      (await updateRunRoute(req("PATCH", { status: "failed" }, s), at({ runId: id }))).status,
      (await logParamsRoute(req("POST", { params: { b: "2" } }, s), at({ runId: id }))).status,
      (await setTagsRoute(req("POST", { tags: { b: "2" } }, s), at({ runId: id }))).status,
      (await logMetricsRoute(req("POST", { points: [{ key: "x", value: 1 }] }, s), at({ runId: id }))).status,
      (await getMetricRoute(req("GET", undefined, s), at({ runId: id, key: ["x"] }))).status,
      (await appendLogsRoute(req("POST", { lines: [{ text: "x" }] }, s), at({ runId: id }))).status,
      (await listLogsRoute(req("GET", undefined, s), at({ runId: id }))).status,
      (await listArtifactsRoute(req("GET", undefined, s), at({ runId: id }))).status,
      (await putArtifactRoute(new Request("http://localhost/api", { method: "PUT", body: "x", headers: { authorization: `Bearer ${s}` } }), at({ runId: id, path: ["x"] }))).status,
      (await createRunRoute(req("POST", {}, s), at({ projectId }))).status,
      (await listRunsRoute(req("GET", undefined, s), at({ projectId }))).status,
    ];
    expect(statuses).toEqual(statuses.map(() => 404));
    expect((await getRunRoute(req("GET"), at({ runId: id }))).status).toBe(401);
    expect(await getRunJson(id)).toMatchObject({ status: "running", params: { a: "1" }, metrics: [] });
  });
});
