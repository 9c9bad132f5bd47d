import { describe, expect, it } from "vitest";
import { cellValue, metricColumnId, paramColumnId, parseColumnId } from "./columns";
import { matchesRun, parseQuery, parseTagFilter, type RunFilter } from "./filter";
import { collectKeys, defaultColumnIds } from "./keys";
import { sortRuns } from "./sort";
import type { MetricSummary, RunRow } from "./types";

const metric = (last: number | null, min = last, max = last): MetricSummary => ({ count: 1, last, lastStep: 1, min, max });

function run(id: string, extra: Partial<RunRow> = {}): RunRow {
  return {
    id,
    name: id,
    status: "succeeded",
    startedAt: new Date(1_700_000_000_000),
    endedAt: new Date(1_700_000_060_000),
    creatorName: "Ana",
    params: {},
    tags: {},
    metrics: {},
    ...extra,
  };
}

const col = (id: string) => parseColumnId(id)!;
const ids = (runs: RunRow[]) => runs.map((r) => r.id);

describe("column ids", () => {
  it("round-trip params and metrics, keys with ':' included", () => {
    expect(parseColumnId(paramColumnId("lr"))).toMatchObject({ kind: "param", key: "lr" });
    expect(parseColumnId(metricColumnId("a:b/c", "max"))).toMatchObject({ kind: "metric", key: "a:b/c", agg: "max", label: "a:b/c (max)" });
    expect(parseColumnId("status")).toMatchObject({ kind: "fixed", id: "status" });
    expect(parseColumnId("m:avg:x")).toBeNull();
    expect(parseColumnId("p:")).toBeNull();
    expect(parseColumnId("bogus")).toBeNull();
  });
  it("measure a running run's duration up to now", () => {
    const r = run("a", { endedAt: null, status: "running" });
    expect(cellValue(r, col("duration"), 1_700_000_005_000)).toBe(5000);
  });
});

describe("sortRuns", () => {
  const runs = [
    run("a", { params: { lr: "0.1" }, metrics: { acc: metric(0.5) } }),
    run("b", { params: { lr: "1e-3" }, metrics: { acc: metric(NaN) } }),
    run("c", { params: {}, metrics: { acc: metric(0.9) } }),
    run("d", { params: { lr: "0.01" } }),
  ];
  it("sorts numeric params numerically, missing last", () => {
    expect(ids(sortRuns(runs, col("p:lr"), "asc", 0))).toEqual(["b", "d", "a", "c"]);
    expect(ids(sortRuns(runs, col("p:lr"), "desc", 0))).toEqual(["a", "d", "b", "c"]);
  });
  it("puts NaN and missing metrics last in both directions", () => {
    expect(ids(sortRuns(runs, col("m:last:acc"), "asc", 0))).toEqual(["a", "c", "b", "d"]);
    expect(ids(sortRuns(runs, col("m:last:acc"), "desc", 0))).toEqual(["c", "a", "b", "d"]);
  });
  it("sorts text naturally and numbers before text", () => {
    const named = [run("x", { name: "run-10" }), run("y", { name: "run-9" }), run("z", { name: "Alpha" })];
    expect(ids(sortRuns(named, col("name"), "asc", 0))).toEqual(["z", "y", "x"]);
    const mixed = [run("s", { params: { opt: "adam" } }), run("n", { params: { opt: "2" } })];
    expect(ids(sortRuns(mixed, col("p:opt"), "asc", 0))).toEqual(["n", "s"]);
  });
  it("orders infinities as numbers", () => {
    const r = [run("inf", { metrics: { l: metric(Infinity) } }), run("one", { metrics: { l: metric(1) } })];
    expect(ids(sortRuns(r, col("m:last:l"), "asc", 0))).toEqual(["one", "inf"]);
  });
});

describe("filters", () => {
  const runs = [
    run("a", { name: "resnet-a", status: "running", params: { lr: "0.1", opt: "adam" }, tags: { env: "prod" }, metrics: { "val/acc": metric(0.95, 0.1, 0.95) } }),
    run("b", { name: "vit-b", params: { lr: "0.001", opt: "sgd" }, tags: { env: "dev" }, metrics: { "val/acc": metric(0.8, 0.2, 0.92) } }),
  ];
  const f = (q: string, extra: Partial<RunFilter> = {}) =>
    ids(runs.filter((r) => matchesRun(r, { query: parseQuery(q), status: null, tags: [], ...extra })));

  it("parses conditions and name terms", () => {
    expect(parseQuery("resnet, lr > 0.01 and val/acc.max>=0.9")).toEqual({
      text: ["resnet"],
      conditions: [
        { key: "lr", op: ">", value: "0.01" },
        { key: "val/acc.max", op: ">=", value: "0.9" },
      ],
    });
    expect(parseQuery("lr >").conditions).toEqual([]);
  });
  it("compares params and metrics", () => {
    expect(f("lr > 0.01")).toEqual(["a"]);
    expect(f("val/acc >= 0.9")).toEqual(["a"]);
    expect(f("val/acc.max >= 0.9")).toEqual(["a", "b"]);
    expect(f("opt = sgd")).toEqual(["b"]);
    expect(f("opt != sgd")).toEqual(["a"]);
    expect(f("missing > 1")).toEqual([]);
  });
  it("matches names case-insensitively", () => {
    expect(f("VIT")).toEqual(["b"]);
  });
  it("filters by status and tags", () => {
    expect(f("", { status: "running" })).toEqual(["a"]);
    expect(f("", { tags: [parseTagFilter("env=dev")!] })).toEqual(["b"]);
    expect(f("", { tags: [parseTagFilter("env")!] })).toEqual(["a", "b"]);
    expect(parseTagFilter("a=b=c")).toEqual({ key: "a", value: "b=c" });
    expect(parseTagFilter(" =x")).toBeNull();
  });
});

describe("default columns", () => {
  it("take the most common params and each metric's last value", () => {
    const keys = collectKeys([
      run("a", { params: { lr: "1", seed: "1", opt: "a", rare: "x" }, metrics: { "val/acc": metric(1), "train/loss": metric(1) } }),
      run("b", { params: { lr: "1", seed: "2", opt: "b" } }),
    ]);
    expect(keys.params).toEqual(["lr", "opt", "seed", "rare"]);
    expect(defaultColumnIds(keys)).toEqual([
      "status",
      "started",
      "duration",
      "creator",
      "p:lr",
      "p:opt",
      "p:seed",
      "m:last:train/loss",
      "m:last:val/acc",
    ]);
  });
});
