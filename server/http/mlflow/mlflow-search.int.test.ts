import { describe, expect, it } from "vitest";
import { testDatabases } from "@/db/testing/databases";
import { uniq } from "../../testing/fixtures";
import { handleMlflow } from "./dispatch";
import { type Json, mlflowHarness } from "../../testing/mlflow-client";

// Black-box tests of the MLflow wire format, search and request rules: answers checked field by field against the
// protos (service.proto, model_registry.proto).

describe.each(testDatabases)("MLflow-compatible API, search and request rules, on $name", ({ open }) => {
  const { client, userWithTeam } = mlflowHarness(open);

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
});
