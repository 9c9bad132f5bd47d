import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAll, LiveServer } from "../../testing/live-server";

// The metric routes as scripts/serve.mjs answers them, ahead of Next.js: the production server,
// for real, on a fresh data folder.

// Past the 10,000 items above which a JSON answer is streamed (json-response.ts).
const TOTAL = 12_000;
const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-direct-"));
let server: LiveServer;
let token = "";
let projectId = "";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// node:http rather than fetch: fetch always asks for gzip and decodes it out of sight.
function raw(method: string, p: string, headers: Record<string, string>, body?: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const auth = () => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const post = (runId: string, body: unknown, headers: Record<string, string> = auth()) => raw("POST", `/api/v1/runs/${runId}/metrics`, headers, JSON.stringify(body));
const json = (r: Raw) => JSON.parse((r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body).toString()) as Record<string, unknown>;

beforeAll(async () => {
  server = await new LiveServer(await freePort(), path.join(tmp, "data")).start();
  ({ token, projectId } = await server.userWithProject("direct"));
}, 90_000);

afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe("metric routes served ahead of Next.js", () => {
  it("stores a batch, reports bad items per index, and keeps the REST error contract", async () => {
    const run = await server.api<{ id: string }>("POST", `/projects/${projectId}/runs`, token, { name: "direct" }, 201);
    const ok = await post(run.id, { points: [{ key: "train/loss", value: 0.5, step: 1 }, { key: "train/loss", value: "NaN", step: 2 }] });
    expect(ok.status).toBe(200);
    expect(json(ok)).toMatchObject({ accepted: 2, rejected: [] });
    // Answered without Next.js's router, which marks every answer it routes as varying on RSC.
    expect(ok.headers["content-length"]).toBe(String(ok.body.length));
    expect(ok.headers.vary ?? "").not.toMatch(/rsc/i);
    const routed = await raw("POST", `/api/v1/runs/${run.id}/logs`, auth(), JSON.stringify({ lines: [{ stream: "stdout", text: "hi" }] }));
    expect(routed.status).toBe(200);
    expect(routed.headers.vary).toMatch(/rsc/i);

    const partial = await post(run.id, { points: [{ key: "train/loss", value: 0.4, step: 3 }, { key: "", value: 1, step: 4 }] });
    expect(partial.status).toBe(207);
    expect(json(partial)).toMatchObject({ accepted: 1, rejected: [{ index: 1 }] });

    const anonymous = await post(run.id, { points: [] }, { "content-type": "application/json" });
    expect(anonymous.status).toBe(401);
    expect(json(anonymous)).toMatchObject({ error: { code: "UNAUTHORIZED" } });

    const broken = await raw("POST", `/api/v1/runs/${run.id}/metrics`, auth(), "{not json");
    expect(broken.status).toBe(400);
    expect(json(broken)).toMatchObject({ error: { code: "BAD_REQUEST" } });

    const tooMany = await post(run.id, { points: Array.from({ length: 10_001 }, (_, i) => ({ key: "k", value: i, step: i })) });
    expect(tooMany.status).toBe(413);

    const oddHost = await post(run.id, { points: [{ key: "train/loss", value: 0.3, step: 5 }] }, { ...auth(), host: "not a host" });
    expect(oddHost.status).toBe(200);

    const missing = await post("run_doesnotexist", { points: [{ key: "k", value: 1, step: 1 }] });
    expect(missing.status).toBe(404);

    const series = await server.api<{ total: number; points: { step: number; value: number | string }[] }>("GET", `/runs/${run.id}/metrics/train/loss`, token);
    expect(series.total).toBe(4);
    expect(series.points.map((p) => p.value)).toEqual([0.5, "NaN", 0.4, 0.3]);
  });

  it("hides another team's run behind 404", async () => {
    const other = await server.userWithProject("direct-other");
    const theirs = await server.api<{ id: string }>("POST", `/projects/${other.projectId}/runs`, other.token, { name: "theirs" }, 201);
    const write = await post(theirs.id, { points: [{ key: "k", value: 1, step: 1 }] });
    expect(write.status).toBe(404);
    const read = await raw("GET", `/api/v1/runs/${theirs.id}/metrics/k`, auth());
    expect(read.status).toBe(404);
  });

  it("streams a large series, gzipped only for clients that ask, with the same JSON either way", async () => {
    const run = await server.api<{ id: string }>("POST", `/projects/${projectId}/runs`, token, { name: "series" }, 201);
    const points = Array.from({ length: TOTAL }, (_, i) => ({ key: "val/loss avg", value: Math.sin(i / 50), step: i, timestamp: 1_700_000_000_000 + i }));
    expect((await post(run.id, { points: points.slice(0, TOTAL / 2) })).status).toBe(200);
    expect((await post(run.id, { points: points.slice(TOTAL / 2) })).status).toBe(200);
    const series = `/api/v1/runs/${run.id}/metrics/val/loss%20avg`;
    const url = `${series}?max_points=${TOTAL}`;

    const plain = await raw("GET", url, { authorization: `Bearer ${token}` });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["transfer-encoding"]).toBe("chunked");
    const gzipped = await raw("GET", url, { authorization: `Bearer ${token}`, "accept-encoding": "br;q=1, gzip;q=0.8" });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    const refused = await raw("GET", url, { authorization: `Bearer ${token}`, "accept-encoding": "gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();

    const body = json(plain) as { key: string; total: number; points: { step: number; value: number }[] };
    expect(json(gzipped)).toEqual(body);
    expect(body.key).toBe("val/loss avg");
    expect(body.total).toBe(TOTAL);
    expect(body.points).toHaveLength(TOTAL);
    expect(body.points[TOTAL - 1]).toEqual({ step: TOTAL - 1, value: Math.sin((TOTAL - 1) / 50), timestamp: 1_700_000_000_000 + TOTAL - 1 });

    // A small answer stays uncompressed even for a client that asks.
    const small = await raw("GET", `${series}?max_points=2`, { authorization: `Bearer ${token}`, "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(json(small)).toMatchObject({ total: TOTAL, aggregated: true });
  });
});
