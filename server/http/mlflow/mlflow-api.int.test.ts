import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import type { Actor } from "../../context";
import { createProject } from "../../projects/projects";
import { setPolicy } from "../../registry/policies";
import { useRuntime, type Runtime } from "../../runtime";
import { ctxFor, makeUser, teamWithRoles, testRuntime, uniq } from "../../testing/fixtures";
import { createToken, issueRunToken } from "../../tokens/tokens";
import { listRuns } from "../../tracking/runs";
import { handleMlflowArtifacts } from "./artifacts";
import { handleMlflow } from "./dispatch";

// Black-box tests of the MLflow wire format: requests built the way MLflow's Python client builds
// them (JSON bodies with Content-Type, GET queries with repeated keys, int64 as numbers or strings),
// answers checked field by field against the protos (service.proto, model_registry.proto).

type Json = ReturnType<typeof JSON.parse>;

describe.each(testDatabases)("MLflow-compatible API on $name", ({ open }) => {
  let h: DbHandle;
  let rt: Runtime;
  beforeAll(async () => {
    h = await open();
    rt = testRuntime(h);
    useRuntime(rt);
  });
  afterAll(async () => {
    await h.close();
  });

  const tokenOf = async (a: Actor) => (await createToken({ ctx: ctxFor(h.db, a), input: { name: "mlflow" } })).token;

  /** A client bound to one token, calling /api/2.0/mlflow/<path>. */
  function client(token: string | null, auth: "bearer" | "basic" = "bearer") {
    const headers = (): Record<string, string> =>
      !token ? {} : auth === "bearer" ? { authorization: `Bearer ${token}` } : { authorization: `Basic ${Buffer.from(`me:${token}`).toString("base64")}` };
    const send = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      let url = `http://localhost/api/2.0/mlflow/${path}`;
      const init: RequestInit = { method, headers: { ...headers(), ...extra } };
      if (method === "GET" && body) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
          for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
        }
        url += `?${q}`;
      } else if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        init.headers = { "content-type": "application/json", ...(init.headers as Record<string, string>) };
      }
      const res = await handleMlflow(new Request(url, init), { params: Promise.resolve({ path: path.split("/") }) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, text };
    };
    const ok = async (method: string, path: string, body?: unknown) => {
      const r = await send(method, path, body);
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(200);
      return r.body;
    };
    const fails = async (method: string, path: string, body: unknown, status: number, code: string) => {
      const r = await send(method, path, body);
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
      expect(r.body.error_code).toBe(code);
      expect(typeof r.body.message).toBe("string");
      return r.body.message as string;
    };
    return { send, ok, fails };
  }

  async function artifacts(token: string, method: string, path: string, body?: string, query = "") {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}` } };
    if (body !== undefined) init.body = body;
    const res = await handleMlflowArtifacts(new Request(`http://localhost/api/2.0/mlflow-artifacts/artifacts/${path}${query}`, init), {
      params: Promise.resolve({ path: path ? path.split("/") : undefined }),
    });
    return { status: res.status, text: await res.text() };
  }

  async function userWithTeam() {
    const t = await teamWithRoles(h.db, ["member", "viewer"]);
    return { ...t, token: await tokenOf(t.members[0]!), viewerToken: await tokenOf(t.members[1]!), ownerToken: await tokenOf(t.owner) };
  }

  it("creates, finds, renames, deletes and restores experiments as projects, with MLflow's errors", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const name = uniq("exp");
    const { experiment_id } = await c.ok("POST", "experiments/create", { name, tags: [{ key: "owner", value: "ml" }] });
    expect(experiment_id).toMatch(/^prj_/);
    expect(await c.fails("POST", "experiments/create", { name }, 400, "RESOURCE_ALREADY_EXISTS")).toContain("already exists");
    const { experiment } = await c.ok("GET", "experiments/get", { experiment_id });
    expect(experiment).toEqual({
      experiment_id,
      name,
      artifact_location: `mlflow-artifacts:/${experiment_id}`,
      lifecycle_stage: "active",
      last_update_time: expect.any(Number),
      creation_time: expect.any(Number),
      tags: [{ key: "owner", value: "ml" }],
    });
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: name })).experiment.experiment_id).toBe(experiment_id);
    // "team/project" addresses the same project explicitly.
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: `${t.team.slug}/${name}` })).experiment.experiment_id).toBe(experiment_id);
    await c.fails("GET", "experiments/get-by-name", { experiment_name: uniq("nope") }, 404, "RESOURCE_DOES_NOT_EXIST");
    await c.fails("GET", "experiments/get", {}, 400, "INVALID_PARAMETER_VALUE");

    await c.ok("POST", "experiments/update", { experiment_id, new_name: `${name}-2` });
    expect((await c.ok("GET", "experiments/get", { experiment_id })).experiment.name).toBe(`${name}-2`);

    // Delete is soft: a member may not, the owner may; ACTIVE_ONLY hides it, DELETED_ONLY shows it.
    await c.fails("POST", "experiments/delete", { experiment_id }, 403, "PERMISSION_DENIED");
    const owner = client(t.ownerToken);
    await owner.ok("POST", "experiments/delete", { experiment_id });
    expect((await c.ok("GET", "experiments/get", { experiment_id })).experiment.lifecycle_stage).toBe("deleted");
    const active = await c.ok("POST", "experiments/search", { max_results: 100 });
    expect((active.experiments ?? []).map((e: Json) => e.experiment_id)).not.toContain(experiment_id);
    const deleted = await c.ok("POST", "experiments/search", { view_type: "DELETED_ONLY" });
    expect(deleted.experiments.map((e: Json) => e.experiment_id)).toContain(experiment_id);
    await c.fails("POST", "runs/create", { experiment_id }, 400, "INVALID_PARAMETER_VALUE");
    await owner.ok("POST", "experiments/restore", { experiment_id });
    const found = await c.ok("GET", "experiments/search", { filter: `name = '${name}-2'` });
    expect(found.experiments.map((e: Json) => e.experiment_id)).toEqual([experiment_id]);

    // Another team's experiment does not exist for this caller.
    const stranger = client(await tokenOf(await makeUser(h.db)));
    await stranger.fails("GET", "experiments/get", { experiment_id }, 404, "RESOURCE_DOES_NOT_EXIST");
  });

  it("logs a run the way mlflow.start_run/log_*/end_run do and reads it back in proto shape", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("train") });
    const start = Date.now() - 5000;
    const { run } = await c.ok("POST", "runs/create", {
      experiment_id,
      user_id: "alice",
      start_time: String(start),
      tags: [
        { key: "mlflow.runName", value: "first-run" },
        { key: "mlflow.source.type", value: "LOCAL" },
      ],
    });
    const runId = run.info.run_id as string;
    expect(run.info).toEqual({
      run_id: runId,
      run_uuid: runId,
      run_name: "first-run",
      experiment_id,
      user_id: t.members[0]!.email,
      status: "RUNNING",
      start_time: start,
      artifact_uri: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts`,
      lifecycle_stage: "active",
    });
    // One metric at a time, with run_uuid only, as old clients send it; int64 given as strings.
    await c.ok("POST", "runs/log-metric", { run_uuid: runId, key: "loss", value: 0.5, timestamp: String(start + 1), step: "1" });
    await c.ok("POST", "runs/log-metric", { run_id: runId, run_uuid: runId, key: "loss", value: "NaN", timestamp: start + 2, step: 2 });
    await c.ok("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" });
    await c.ok("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" });
    expect(await c.fails("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" }, 400, "INVALID_PARAMETER_VALUE")).toContain("lr");
    await c.ok("POST", "runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "acc", value: 0.9, timestamp: start + 3, step: 3 },
        { key: "acc", value: "Infinity", timestamp: start + 4, step: 4 },
      ],
      params: [{ key: "epochs", value: "3" }],
      tags: [{ key: "team", value: "vision" }],
    });
    await c.ok("POST", "runs/set-tag", { run_id: runId, key: "stage", value: "dev" });
    await c.ok("POST", "runs/delete-tag", { run_id: runId, key: "stage" });
    await c.fails("POST", "runs/delete-tag", { run_id: runId, key: "stage" }, 404, "RESOURCE_DOES_NOT_EXIST");
    await c.ok("POST", "runs/log-inputs", {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: { name: "digits", digest: "abc123", source_type: "local", source: JSON.stringify({ uri: "file:///data/digits.csv" }) },
        },
      ],
    });
    const end = Date.now();
    const updated = await c.ok("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: end });
    expect(updated.run_info.status).toBe("FINISHED");
    expect(typeof updated.run_info.end_time).toBe("number");

    const got = (await c.ok("GET", "runs/get", { run_id: runId })).run;
    expect(got.data.params).toEqual(expect.arrayContaining([{ key: "lr", value: "0.01" }, { key: "epochs", value: "3" }]));
    expect(got.data.tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "vision" },
        { key: "mlflow.runName", value: "first-run" },
        { key: "mlflow.source.type", value: "LOCAL" },
      ]),
    );
    expect(got.data.tags.map((x: Json) => x.key)).not.toContain("stage");
    // Latest value per key, NaN and Infinity as strings, int64 as numbers.
    expect(got.data.metrics).toEqual(
      expect.arrayContaining([
        { key: "loss", value: "NaN", timestamp: start + 2, step: 2 },
        { key: "acc", value: "Infinity", timestamp: start + 4, step: 4 },
      ]),
    );
    expect(got.inputs.dataset_inputs).toEqual([
      {
        tags: [{ key: "mlflow.data.context", value: "training" }],
        dataset: { name: "digits", digest: "abc123", source_type: "file", source: JSON.stringify({ uri: "file:///data/digits.csv" }) },
      },
    ]);

    // History pages as the client asks (it sends max_results=25000); page tokens chain.
    const page1 = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1 });
    expect(page1.metrics).toEqual([{ key: "loss", value: 0.5, timestamp: start + 1, step: 1 }]);
    const page2 = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1, page_token: page1.next_page_token });
    expect(page2.metrics).toEqual([{ key: "loss", value: "NaN", timestamp: start + 2, step: 2 }]);
    expect(page2.next_page_token).toBeUndefined();
    expect((await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "never" })).metrics).toBeUndefined();
    await c.fails("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", page_token: "%%%" }, 400, "INVALID_PARAMETER_VALUE");
    // Pages chain through repeated steps and across chunks: together they are the whole history once.
    for (let b = 0; b < 3; b++) {
      const metrics = Array.from({ length: 600 }, (_, i) => ({ key: "dup", value: b * 1000 + i, timestamp: start + i, step: Math.floor((b * 600 + i) / 3) }));
      await c.ok("POST", "runs/log-batch", { run_id: runId, metrics });
    }
    const whole = (await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "dup" })).metrics as Json[];
    expect(whole).toHaveLength(1800);
    const paged: Json[] = [];
    let token: string | undefined;
    do {
      const page = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "dup", max_results: 7, ...(token ? { page_token: token } : {}) });
      paged.push(...page.metrics);
      token = page.next_page_token;
    } while (token);
    expect(paged).toEqual(whole);

    // The run is in the runs table like any other.
    const table = await listRuns({ ctx: ctxFor(h.db, t.members[0]!), input: { projectId: experiment_id } });
    expect(table.find((r) => r.id === runId)).toMatchObject({ name: "first-run", status: "succeeded", params: { lr: "0.01", epochs: "3" } });

    // Delete hides it from the table and from ACTIVE_ONLY search, and refuses writes until restored.
    await c.ok("POST", "runs/delete", { run_id: runId });
    expect((await c.ok("GET", "runs/get", { run_id: runId })).run.info.lifecycle_stage).toBe("deleted");
    expect((await listRuns({ ctx: ctxFor(h.db, t.members[0]!), input: { projectId: experiment_id } })).map((r) => r.id)).not.toContain(runId);
    await c.fails("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 1, timestamp: end, step: 9 }, 400, "INVALID_PARAMETER_VALUE");
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toBeUndefined();
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], run_view_type: "DELETED_ONLY" })).runs).toHaveLength(1);
    await c.ok("POST", "runs/restore", { run_id: runId });
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toHaveLength(1);

    // A viewer reads but cannot write; a stranger sees nothing.
    const viewer = client(t.viewerToken);
    await viewer.ok("GET", "runs/get", { run_id: runId });
    await viewer.fails("POST", "runs/set-tag", { run_id: runId, key: "x", value: "y" }, 403, "PERMISSION_DENIED");
    const stranger = client(await tokenOf(await makeUser(h.db)));
    await stranger.fails("GET", "runs/get", { run_id: runId }, 404, "RESOURCE_DOES_NOT_EXIST");
    await stranger.fails("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 1, timestamp: end, step: 9 }, 404, "RESOURCE_DOES_NOT_EXIST");
    expect((await stranger.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toBeUndefined();
  });

  it("enforces log-batch limits and request rules with MLflow's codes, never a 5xx", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("limits") });
    const runId = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const metric = (i: number) => ({ key: "m", value: i, timestamp: 1, step: i });
    const kv = (i: number) => ({ key: `k${i}`, value: "v" });
    expect(
      await c.fails("POST", "runs/log-batch", { run_id: runId, metrics: Array.from({ length: 1001 }, (_, i) => metric(i)) }, 400, "INVALID_PARAMETER_VALUE"),
    ).toContain("at most 1000 metrics. Got 1001 metrics");
    expect(await c.fails("POST", "runs/log-batch", { run_id: runId, params: Array.from({ length: 101 }, (_, i) => kv(i)) }, 400, "INVALID_PARAMETER_VALUE")).toContain(
      "at most 100 params",
    );
    expect(await c.fails("POST", "runs/log-batch", { run_id: runId, tags: Array.from({ length: 101 }, (_, i) => kv(i)) }, 400, "INVALID_PARAMETER_VALUE")).toContain(
      "at most 100 tags",
    );
    expect(
      await c.fails(
        "POST",
        "runs/log-batch",
        { run_id: runId, metrics: Array.from({ length: 950 }, (_, i) => metric(i)), params: Array.from({ length: 60 }, (_, i) => kv(i)) },
        400,
        "INVALID_PARAMETER_VALUE",
      ),
    ).toContain("at most 1000 total metrics, params, and tags");
    // Exactly at the limits is fine, and nothing of a refused batch was stored.
    await c.ok("POST", "runs/log-batch", { run_id: runId, metrics: Array.from({ length: 1000 }, (_, i) => metric(i)) });
    const history = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "m", max_results: 25000 });
    expect(history.metrics).toHaveLength(1000);
    expect((await c.ok("GET", "runs/get", { run_id: runId })).run.data.params).toBeUndefined();

    expect(await c.fails("POST", "runs/log-metric", { run_id: runId, key: "x", timestamp: 1 }, 400, "INVALID_PARAMETER_VALUE")).toContain(
      "Missing value for required parameter 'value'",
    );
    await c.fails("POST", "runs/log-metric", { run_id: runId, key: "x", value: "high", timestamp: 1 }, 400, "INVALID_PARAMETER_VALUE");
    await c.fails("POST", "runs/log-metric", { run_id: runId, key: "bad\u0000key", value: 1, timestamp: 1 }, 400, "INVALID_PARAMETER_VALUE");
    expect(await c.fails("POST", "runs/log-metric", { key: "x", value: 1, timestamp: 1 }, 400, "INVALID_PARAMETER_VALUE")).toContain("'run_id'");
    // POST bodies must say they are JSON; malformed JSON is a 400, unknown paths a 404.
    const noType = await c.send("POST", "runs/get", undefined, {});
    expect(noType.status).toBe(405);
    const plain = await handleMlflow(
      new Request("http://localhost/api/2.0/mlflow/runs/set-tag", { method: "POST", headers: { authorization: `Bearer ${t.token}`, "content-type": "text/plain" }, body: "{}" }),
      { params: Promise.resolve({ path: ["runs", "set-tag"] }) },
    );
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as Json).error_code).toBe("BAD_REQUEST");
    expect((await c.send("POST", "runs/set-tag", "{not json")).status).toBe(400);
    expect((await c.send("GET", "no/such/endpoint")).body.error_code).toBe("ENDPOINT_NOT_FOUND");
    expect((await c.send("POST", "runs/search", { experiment_ids: [experiment_id], max_results: 50001 })).status).toBe(400);
    expect((await c.send("POST", "runs/search", { experiment_ids: [experiment_id], filter: "metrics.acc >>> 1" })).body.error_code).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    // Without a token: 401 UNAUTHENTICATED; basic auth with the token as password works.
    await client(null).fails("GET", "runs/get", { run_id: runId }, 401, "UNAUTHENTICATED");
    await client(t.token, "basic").ok("GET", "runs/get", { run_id: runId });
    // MLflow 3 clients search logged models while listing artifacts: an empty answer.
    const logged = await c.send("POST", "logged-models/search", { experiment_ids: [experiment_id] });
    expect(logged).toMatchObject({ status: 200, body: {} });
  });

  it("searches runs with MLflow filters, order_by and page tokens", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("search") });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const runId = (await c.ok("POST", "runs/create", { experiment_id, run_name: `r${i}`, start_time: 1_000 + i })).run.info.run_id as string;
      ids.push(runId);
      await c.ok("POST", "runs/log-batch", {
        run_id: runId,
        metrics: [{ key: "acc", value: i / 10, timestamp: 1, step: 0 }],
        params: [{ key: "opt", value: i % 2 ? "adam" : "sgd" }],
        tags: [{ key: "kind", value: i < 3 ? "base" : "tuned" }],
      });
    }
    const names = (r: Json) => (r.runs ?? []).map((x: Json) => x.info.run_name);
    expect(names(await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], filter: "metrics.acc > 0.15", order_by: ["metrics.acc DESC"] }))).toEqual([
      "r4",
      "r3",
      "r2",
    ]);
    expect(names(await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], filter: "params.opt = 'adam' and tags.kind = 'base'" }))).toEqual(["r1"]);
    expect(names(await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], filter: "attributes.run_name LIKE 'r%'", order_by: ["attributes.start_time ASC"] }))).toEqual([
      "r0",
      "r1",
      "r2",
      "r3",
      "r4",
    ]);
    const first = await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], max_results: 2 });
    expect(names(first)).toEqual(["r4", "r3"]);
    const second = await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], max_results: 2, page_token: first.next_page_token });
    expect(names(second)).toEqual(["r2", "r1"]);
    const third = await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], max_results: 2, page_token: second.next_page_token });
    expect(names(third)).toEqual(["r0"]);
    expect(third.next_page_token).toBeUndefined();

    // A long GET (some clients send ~15 KB of filter) is parsed like any other.
    const long = await c.ok("GET", "runs/search", { experiment_ids: [experiment_id], filter: `params.opt != '${"x".repeat(15_000)}'` });
    expect(names(long)).toHaveLength(5);

    // Bulk interval history: sampled steps per run, ≤100 runs, max_results ≤2500.
    const bulk = await c.ok("GET", "metrics/get-history-bulk-interval", { run_ids: ids.slice(0, 2), metric_key: "acc", max_results: 10 });
    expect(bulk.metrics).toHaveLength(2);
    expect(bulk.metrics[0]).toEqual({ key: "acc", value: expect.any(Number), timestamp: 1, step: 0, run_id: expect.any(String) });
    expect(
      await c.fails("GET", "metrics/get-history-bulk-interval", { run_ids: Array.from({ length: 101 }, (_, i) => `run_${i}`), metric_key: "acc" }, 400, "INVALID_PARAMETER_VALUE"),
    ).toContain("at most 100 run_ids");
    await c.fails("GET", "metrics/get-history-bulk-interval", { run_ids: ids[0]!, metric_key: "acc", max_results: 2501 }, 400, "INVALID_PARAMETER_VALUE");
  });

  it("proxies artifacts under mlflow-artifacts:/<experiment>/<run>/artifacts", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("art") });
    const runId = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const root = `${experiment_id}/${runId}/artifacts`;
    expect((await artifacts(t.token, "PUT", `${root}/model/weights.bin`, "w1")).status).toBe(200);
    expect((await artifacts(t.token, "PUT", `${root}/notes.txt`, "hello")).status).toBe(200);
    expect(await artifacts(t.token, "GET", `${root}/notes.txt`)).toEqual({ status: 200, text: "hello" });
    const listed = await artifacts(t.token, "GET", "", undefined, `?path=${encodeURIComponent(root)}`);
    expect(JSON.parse(listed.text)).toEqual({
      files: [
        { path: "model", is_dir: true },
        { path: "notes.txt", is_dir: false, file_size: 5 },
      ],
    });
    const inner = await artifacts(t.token, "GET", "", undefined, `?path=${encodeURIComponent(`${root}/model`)}`);
    expect(JSON.parse(inner.text)).toEqual({ files: [{ path: "weights.bin", is_dir: false, file_size: 2 }] });
    expect((await artifacts(t.token, "GET", `${root}/missing.txt`)).status).toBe(404);
    expect((await artifacts(t.token, "PUT", `${root}/../escape.txt`, "x")).status).toBe(400);
    const stranger = await tokenOf(await makeUser(h.db));
    expect((await artifacts(stranger, "GET", `${root}/notes.txt`)).status).toBe(404);
    expect((await artifacts(t.viewerToken, "PUT", `${root}/v.txt`, "x")).status).toBe(403);
  });

  it("registers models and versions, moves aliases, and refuses protected aliases", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("reg") });
    const runId = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    await artifacts(t.token, "PUT", `${experiment_id}/${runId}/artifacts/model/model.pkl`, "pickle");
    const name = uniq("digits");
    const created = await c.ok("POST", "registered-models/create", { name, description: "d", tags: [{ key: "task", value: "cls" }] });
    expect(created.registered_model).toEqual({
      name,
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      user_id: t.members[0]!.email,
      description: "d",
      tags: [{ key: "task", value: "cls" }],
    });
    await c.fails("POST", "registered-models/create", { name }, 400, "RESOURCE_ALREADY_EXISTS");
    const v1 = (await c.ok("POST", "model-versions/create", { name, source: `runs:/${runId}/model`, run_id: runId, tags: [{ key: "k", value: "v" }] }))
      .model_version;
    expect(v1).toEqual({
      name,
      version: "1",
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      user_id: t.members[0]!.email,
      current_stage: "None",
      source: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model`,
      run_id: runId,
      status: "READY",
      tags: [{ key: "k", value: "v" }],
    });
    const v2 = (await c.ok("POST", "model-versions/create", { name, source: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model/model.pkl` })).model_version;
    expect(v2.version).toBe("2");
    await c.fails("POST", "model-versions/create", { name, source: "s3://elsewhere/model" }, 400, "INVALID_PARAMETER_VALUE");
    await c.fails("POST", "model-versions/create", { name, source: `runs:/${runId}/missing` }, 400, "INVALID_PARAMETER_VALUE");

    await c.ok("POST", "registered-models/alias", { name, alias: "champion", version: "1" });
    expect((await c.ok("GET", "registered-models/alias", { name, alias: "champion" })).model_version).toMatchObject({ version: "1", aliases: ["champion"] });
    const model = (await c.ok("GET", "registered-models/get", { name })).registered_model;
    expect(model.aliases).toEqual([{ alias: "champion", version: "1" }]);
    expect(model.latest_versions.map((v: Json) => v.version)).toEqual(["2"]);
    await c.ok("DELETE", "registered-models/alias", { name, alias: "champion" });
    await c.fails("GET", "registered-models/alias", { name, alias: "champion" }, 404, "RESOURCE_DOES_NOT_EXIST");

    // An alias with a promotion policy only moves through a reviewed promotion.
    await setPolicy({ ctx: ctxFor(h.db, t.owner), input: { projectId: experiment_id, alias: "production", requiredApprovals: 1, checks: [] } });
    const refused = await c.fails("POST", "registered-models/alias", { name, alias: "production", version: 1 }, 403, "PERMISSION_DENIED");
    expect(refused).toContain("promotion request");

    expect((await c.ok("PATCH", "registered-models/update", { name, description: "new" })).registered_model.description).toBe("new");
    expect((await c.ok("PATCH", "model-versions/update", { name, version: "2", description: "v2" })).model_version.description).toBe("v2");
    expect((await c.ok("GET", "model-versions/get", { name, version: 2 })).model_version.description).toBe("v2");
    expect((await c.ok("GET", "model-versions/get-download-uri", { name, version: 1 })).artifact_uri).toBe(`mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model`);
    const versions = await c.ok("GET", "model-versions/search", { filter: `name = '${name}'` });
    expect(versions.model_versions.map((v: Json) => v.version).sort()).toEqual(["1", "2"]);
    const models = await c.ok("GET", "registered-models/search", { filter: `name = '${name}'` });
    expect(models.registered_models.map((m: Json) => m.name)).toEqual([name]);
    const stranger = client(await tokenOf(await makeUser(h.db)));
    await stranger.fails("GET", "registered-models/get", { name }, 404, "RESOURCE_DOES_NOT_EXIST");
    expect((await stranger.ok("GET", "registered-models/search", { filter: `name = '${name}'` })).registered_models).toBeUndefined();
    await c.fails("DELETE", "registered-models/delete", { name }, 403, "PERMISSION_DENIED");
    await client(t.ownerToken).ok("DELETE", "registered-models/delete", { name });
    await c.fails("GET", "registered-models/get", { name }, 404, "RESOURCE_DOES_NOT_EXIST");
  });

  it("lets a launched job's run token log to its own run through MLflow (MLFLOW_RUN_ID), and nothing else", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("job") });
    const own = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const other = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const jobToken = await issueRunToken(h.db, { userId: t.members[0]!.userId, runId: own, jobId: "job_x", attempt: 1 });
    const job = client(jobToken);
    // What mlflow.start_run() does with MLFLOW_RUN_ID set, then logging and an artifact.
    expect((await job.ok("GET", "runs/get", { run_id: own })).run.info.run_id).toBe(own);
    await job.ok("POST", "runs/update", { run_id: own, status: "RUNNING" });
    await job.ok("POST", "runs/log-batch", { run_id: own, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "0.1" }] });
    expect((await artifacts(jobToken, "PUT", `${experiment_id}/${own}/artifacts/out.txt`, "x")).status).toBe(200);
    await job.fails("GET", "runs/get", { run_id: other }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "runs/log-metric", { run_id: other, key: "loss", value: 1, timestamp: 1 }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "experiments/create", { name: uniq("nope") }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "runs/search", { experiment_ids: [experiment_id] }, 403, "PERMISSION_DENIED");
  });

  it("maps experiment 0 to the default team's Default project and 'team/project' names to other teams", async () => {
    const first = await teamWithRoles(h.db, []);
    const second = await teamWithRoles(h.db, []);
    const { teamMembers } = await import("@/db/schema");
    await h.db.insert(teamMembers).values({ teamId: second.team.id, userId: first.owner.userId, role: "member" });
    const c = client(await tokenOf(first.owner));
    const { run } = await c.ok("POST", "runs/create", {});
    const def = (await c.ok("GET", "experiments/get", { experiment_id: "0" })).experiment;
    expect(def.name).toBe("Default");
    expect(run.info.experiment_id).toBe(def.experiment_id);
    const other = await c.ok("POST", "experiments/create", { name: `${second.team.slug}/vision` });
    const got = (await c.ok("GET", "experiments/get", { experiment_id: other.experiment_id })).experiment;
    expect(got.name).toBe(`${second.team.slug}/vision`);
    const project = await createProject({ ctx: ctxFor(h.db, first.owner), input: { teamSlug: first.team.slug, name: "Plain", slug: uniq("plain") } });
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: "Plain" })).experiment.experiment_id).toBe(project.id);
  });
});
