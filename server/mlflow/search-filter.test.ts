import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { Clause, SearchEntity } from "./search-entities";
import { parseOrderBy, parseSearchFilter } from "./search-filter";
import { createPageToken, parsePageToken, validateMaxResults } from "./search-paging";

/** The VALIDATION error's message, or a failure if the call succeeds or throws anything else. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("VALIDATION");
    return (e as DomainError).message;
  }
  throw new Error("expected a validation error");
}
const runs = (filter: string) => parseSearchFilter("runs", filter);
const runsError = (filter: string) => errorOf(() => runs(filter));

describe("parseSearchFilter for runs", () => {
  it("reads nothing from an empty or blank filter", () => {
    expect(runs("")).toEqual([]);
    expect(runs("   ")).toEqual([]);
    expect(parseSearchFilter("runs", undefined)).toEqual([]);
  });

  it("reads metrics, params, tags and attributes joined by AND (any case)", () => {
    expect(runs("metrics.acc > 0.9 and params.lr = '0.01' AND tags.team != \"vision\" And attributes.status = 'FINISHED'")).toEqual<
      Clause[]
    >([
      { type: "metric", key: "acc", test: { comparator: ">", value: 0.9 } },
      { type: "param", key: "lr", test: { comparator: "=", value: "0.01" } },
      { type: "tag", key: "team", test: { comparator: "!=", value: "vision" } },
      { type: "attribute", key: "status", test: { comparator: "=", value: "FINISHED" } },
    ]);
  });

  it("accepts every identifier alias MLflow does", () => {
    const types = (prefixes: string[], rest: string) => prefixes.map((p) => runs(`${p}.${rest}`)[0]!.type);
    expect(types(["metric", "metrics"], "m < 1")).toEqual(["metric", "metric"]);
    expect(types(["param", "params", "parameter", "parameters"], "p = 'x'")).toEqual(["param", "param", "param", "param"]);
    expect(types(["tag", "tags"], "t = 'x'")).toEqual(["tag", "tag"]);
    expect(types(["attr", "attribute", "attributes", "run"], "run_id = 'x'")).toEqual(Array(4).fill("attribute"));
    expect(types(["dataset", "datasets"], "name = 'x'")).toEqual(["dataset", "dataset"]);
    expect(runs("`params`.lr = 'x'")[0]).toMatchObject({ type: "param", key: "lr" });
    // A bare key is an attribute; aliases resolve to canonical keys.
    expect(runs("status = 'RUNNING'")[0]).toMatchObject({ type: "attribute", key: "status" });
    expect(runs("attributes.created > 5")[0]).toMatchObject({ type: "attribute", key: "start_time" });
    expect(runs("attributes.`Run Name` = 'a'")[0]).toMatchObject({ type: "attribute", key: "run_name" });
  });

  it("reads quoted keys with dots, spaces and dashes, and dotted keys unquoted", () => {
    expect(runs('metrics."cross-entropy loss" <= 0.5')[0]).toMatchObject({ key: "cross-entropy loss" });
    expect(runs("metrics.`val.acc` >= 1")[0]).toMatchObject({ key: "val.acc" });
    expect(runs("params.'learning rate' = '1'")[0]).toMatchObject({ key: "learning rate" });
    expect(runs("tags.mlflow.runName = 'best'")[0]).toMatchObject({ type: "tag", key: "mlflow.runName" });
    expect(runs("tags.`mlflow.user` = 'ann'")[0]).toMatchObject({ type: "tag", key: "mlflow.user" });
    expect(runsError("metrics.cross-entropy < 1")).toMatch(/^Invalid clause\(s\) in filter string: /);
  });

  it("reads values: single or double quotes, doubled quotes, and numbers in every spelling", () => {
    expect(runs(`params.s = "it's"`)[0]!.test).toEqual({ comparator: "=", value: "it's" });
    expect(runs(`params.s = 'it''s'`)[0]!.test).toEqual({ comparator: "=", value: "it's" });
    expect(runs(`params.s = 'a AND b = 1'`)).toHaveLength(1);
    expect(runs(`params.s LIKE '50\\%%'`)[0]!.test).toEqual({ comparator: "LIKE", value: "50\\%%" });
    const numbers = ["1", "-2", "0.5", ".5", "1.", "1e3", "-1.5E-2"].map((n) => runs(`metrics.m = ${n}`)[0]!.test);
    expect(numbers.map((t) => ("value" in t ? t.value : null))).toEqual([1, -2, 0.5, 0.5, 1, 1000, -0.015]);
    expect(runs("metrics.m>-1")[0]!.test).toEqual({ comparator: ">", value: -1 });
    expect(runs("attributes.start_time >= 1700000000000")[0]!.test).toEqual({ comparator: ">=", value: 1_700_000_000_000 });
  });

  it("reads LIKE and ILIKE for strings, comparators in any case", () => {
    expect(runs("params.model like 'res%'")[0]!.test).toEqual({ comparator: "LIKE", value: "res%" });
    expect(runs("tags.x ILIKE '%A%'")[0]!.test).toEqual({ comparator: "ILIKE", value: "%A%" });
    expect(runs("attributes.run_name ILIKE 'exp-%'")[0]!.test).toEqual({ comparator: "ILIKE", value: "exp-%" });
    expect(runs("datasets.digest LIKE 'ab%'")[0]).toMatchObject({ type: "dataset", key: "digest" });
  });

  it("reads IN and NOT IN lists for run_id and datasets only", () => {
    expect(runs("attributes.run_id IN ('a', \"b\",)")[0]!.test).toEqual({ comparator: "IN", values: ["a", "b"] });
    expect(runs("run_id not in ('a')")[0]!.test).toEqual({ comparator: "NOT IN", values: ["a"] });
    expect(runs("datasets.name IN ('train', 'eval')")[0]).toMatchObject({ type: "dataset", key: "name" });
    expect(runs("datasets.context NOT IN ('test')")[0]!.test).toEqual({ comparator: "NOT IN", values: ["test"] });
    expect(runsError("attributes.status IN ('FINISHED')")).toBe(
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
    expect(runsError("params.p IN ('a')")).toMatch(/Only the 'run_id' attribute/);
    expect(runsError("run_id IN ()")).toMatch(/expected a non-empty list of string values, but got empty list/);
    expect(runsError("run_id IN (1, 2)")).toMatch(/expected string value, punctuation, or whitespace, but got different type in list/);
    expect(runsError("run_id IN ('a' 'b')")).toMatch(/ill-formed list/);
    expect(runsError("run_id IN 'a'")).toMatch(/^Invalid clause\(s\) in filter string/);
  });

  it("reads IS NULL and IS NOT NULL for params and tags only", () => {
    expect(runs("tags.env IS NULL")[0]!.test).toEqual({ comparator: "IS NULL" });
    expect(runs("params.lr is not null")[0]!.test).toEqual({ comparator: "IS NOT NULL" });
    expect(runsError("metrics.m IS NULL")).toMatch(/^Invalid comparator 'IS NULL' not one of/);
    expect(runsError("attributes.end_time IS NULL")).toMatch(/^Invalid comparator 'IS NULL' not one of/);
  });

  it("refuses what MLflow refuses, with MLflow's messages", () => {
    expect(runsError("metrics.acc > 0.9 OR metrics.acc < 0.1")).toMatch(/^Invalid clause\(s\) in filter string: /);
    expect(runsError("(metrics.acc > 0.9)")).toMatch(/^Invalid clause\(s\) in filter string: /);
    expect(runsError("metrics.acc >")).toMatch(/^Invalid clause\(s\) in filter string: /);
    expect(runsError("metrics.acc > 1 AND")).toMatch(/^Invalid clause\(s\) in filter string: /);
    expect(runsError("metrics.acc")).toMatch(/^Invalid clause\(s\) in filter string: /);
    expect(runsError("metrics.acc = 'x'")).toBe("Expected numeric value type for metric. Found 'x'");
    expect(runsError("metrics.acc LIKE 'x'")).toBe("Expected numeric value type for metric. Found 'x'");
    expect(runsError("metrics.acc LIKE 1")).toMatch(/^Invalid comparator 'LIKE' not one of '\{'=', '!=', '>', '>=', '<', '<='\}'$/);
    expect(runsError("metrics.acc == 1")).toMatch(/^Invalid comparator '==' not one of/);
    expect(runsError("params.lr = 0.1")).toBe("Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.1");
    expect(runsError("tags.t = 5")).toBe("Expected a quoted string value for tag (e.g. 'my-value'). Got value 5");
    expect(runsError("params.lr = abc")).toBe(
      "Parameter value is either not quoted or unidentified quote types used for string value abc. Use either single or double quotes.",
    );
    expect(runsError("params.lr > '1'")).toMatch(/^Invalid comparator '>' not one of/);
    expect(runsError("attributes.start_time = 'yesterday'")).toBe(
      "Expected numeric value type for numeric attribute: start_time. Found 'yesterday'",
    );
    expect(runsError("attributes.start_time LIKE 5")).toMatch(/^Invalid comparator 'LIKE'/);
    expect(runsError("attributes.status = 1")).toBe("Expected a quoted string value for attributes. Got value 1");
    expect(runsError("attributes.status > 'A'")).toMatch(/^Invalid comparator '>'/);
    expect(runsError("datasets.name = 1")).toBe("Expected a quoted string value for dataset attributes. Got value 1");
    expect(runsError("attributes.lifecycle_stage = 'deleted'")).toMatch(/^Invalid attribute key 'lifecycle_stage' specified\. Valid keys are/);
    expect(runsError("datasets.source = 'x'")).toMatch(/^Invalid dataset key 'source' specified/);
    expect(runsError("foo.bar = 'x'")).toBe(
      "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
    );
    expect(runsError("params.p = 'unterminated")).toMatch(/^Error on parsing filter/);
  });
});

describe("parseSearchFilter for experiments and the registry", () => {
  it("reads experiment attributes and tags", () => {
    expect(parseSearchFilter("experiments", "name LIKE 'vision/%' AND tags.owner = 'ann' AND creation_time > 5")).toEqual<Clause[]>([
      { type: "attribute", key: "name", test: { comparator: "LIKE", value: "vision/%" } },
      { type: "tag", key: "owner", test: { comparator: "=", value: "ann" } },
      { type: "attribute", key: "creation_time", test: { comparator: ">", value: 5 } },
    ]);
    expect(parseSearchFilter("experiments", "attribute.last_update_time <= 9")[0]).toMatchObject({ key: "last_update_time" });
    expect(parseSearchFilter("experiments", "tags.`a b` IS NOT NULL")[0]!.test).toEqual({ comparator: "IS NOT NULL" });
    const err = (f: string) => errorOf(() => parseSearchFilter("experiments", f));
    expect(err("metrics.a > 1")).toBe("Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')");
    expect(err("experiment_id = '1'")).toMatch(/^Invalid attribute key 'experiment_id' specified/);
    expect(err("name IN ('a')")).toMatch(/Only the 'run_id' attribute/);
    expect(err("name > 'a'")).toMatch(/^Invalid comparator '>'/);
    expect(err("creation_time = 'a'")).toMatch(/^Expected numeric value type for numeric attribute: creation_time/);
    expect(err("name = 'a' OR name = 'b'")).toMatch(/^Invalid clause\(s\) in filter string: name = 'a' OR name = 'b'$/);
  });

  it("reads registered model names and tags, nothing else", () => {
    expect(parseSearchFilter("registered_models", "name ILIKE '%bert%' and tags.`task` = 'nlp'")).toEqual<Clause[]>([
      { type: "attribute", key: "name", test: { comparator: "ILIKE", value: "%bert%" } },
      { type: "tag", key: "task", test: { comparator: "=", value: "nlp" } },
    ]);
    const err = (f: string) => errorOf(() => parseSearchFilter("registered_models", f));
    expect(err("run_id = 'x'")).toMatch(/^Invalid attribute key 'run_id' specified\. Valid keys are '\{'name'\}'$/);
    expect(err("tags.x IS NULL")).toMatch(/^Invalid comparator 'IS NULL'/);
    expect(err("name = 5")).toBe("Expected a quoted string value for attributes. Got value 5");
  });

  it("reads model version attributes: version_number as a number, run_id IN a list", () => {
    const mv = (f: string) => parseSearchFilter("model_versions", f);
    expect(mv("name = 'm' AND version_number >= 2 AND run_id IN ('r1', 'r2') AND source_path LIKE '%model' AND tags.k != 'v'")).toEqual<Clause[]>([
      { type: "attribute", key: "name", test: { comparator: "=", value: "m" } },
      { type: "attribute", key: "version_number", test: { comparator: ">=", value: 2 } },
      { type: "attribute", key: "run_id", test: { comparator: "IN", values: ["r1", "r2"] } },
      { type: "attribute", key: "source_path", test: { comparator: "LIKE", value: "%model" } },
      { type: "tag", key: "k", test: { comparator: "!=", value: "v" } },
    ]);
    expect(mv("version_number = '3'")[0]!.test).toEqual({ comparator: "=", value: 3 });
    const err = (f: string) => errorOf(() => mv(f));
    expect(err("run_id NOT IN ('a')")).toMatch(/^Invalid comparator 'NOT IN'/);
    expect(err("name IN ('a')")).toMatch(/Only the 'run_id' attribute/);
    expect(err("name = 3")).toMatch(/attributes support comparison with numeric values\.$/);
    expect(err("version_number LIKE '1%'")).toMatch(/^Expected numeric value type for numeric attribute: version_number/);
    expect(err("creation_timestamp > 1")).toMatch(/^Invalid attribute key 'creation_timestamp' specified/);
  });
});

describe("parseOrderBy", () => {
  const order = (entity: SearchEntity, ...clauses: string[]) => parseOrderBy(entity, clauses);

  it("orders runs by the given keys, then start_time DESC, then run_id", () => {
    expect(order("runs")).toEqual([
      { type: "attribute", key: "start_time", ascending: false },
      { type: "attribute", key: "run_id", ascending: true },
    ]);
    expect(order("runs", "metrics.acc DESC", "params.`learning rate`", "tags.t asc")).toEqual([
      { type: "metric", key: "acc", ascending: false },
      { type: "param", key: "learning rate", ascending: true },
      { type: "tag", key: "t", ascending: true },
      { type: "attribute", key: "start_time", ascending: false },
      { type: "attribute", key: "run_id", ascending: true },
    ]);
    expect(order("runs", "attributes.start_time")).toEqual([
      { type: "attribute", key: "start_time", ascending: true },
      { type: "attribute", key: "run_id", ascending: true },
    ]);
    expect(order("runs", "created DESC")[0]).toEqual({ type: "attribute", key: "start_time", ascending: false });
    expect(order("runs", 'metrics."val loss" desc')[0]).toEqual({ type: "metric", key: "val loss", ascending: false });
  });

  it("orders experiments by creation_time DESC, experiment_id by default, experiment_id DESC as the tie-breaker", () => {
    expect(order("experiments")).toEqual([
      { type: "attribute", key: "creation_time", ascending: false },
      { type: "attribute", key: "experiment_id", ascending: true },
    ]);
    expect(order("experiments", "name")).toEqual([
      { type: "attribute", key: "name", ascending: true },
      { type: "attribute", key: "experiment_id", ascending: false },
    ]);
    expect(errorOf(() => order("experiments", "tags.x"))).toBe("Invalid order_by entity: tag");
  });

  it("orders registered models by name last, and model versions by MLflow's defaults", () => {
    expect(order("registered_models", "timestamp DESC")).toEqual([
      { type: "attribute", key: "last_updated_timestamp", ascending: false },
      { type: "attribute", key: "name", ascending: true },
    ]);
    expect(order("model_versions")).toEqual([
      { type: "attribute", key: "last_updated_timestamp", ascending: false },
      { type: "attribute", key: "name", ascending: true },
      { type: "attribute", key: "version_number", ascending: false },
    ]);
    expect(order("model_versions", "version_number ASC")).toEqual([
      { type: "attribute", key: "version_number", ascending: true },
      { type: "attribute", key: "name", ascending: true },
    ]);
  });

  it("refuses unknown keys, bad directions, duplicates and what cannot be sorted", () => {
    expect(errorOf(() => order("runs", "metrics.acc DOWN"))).toBe("Invalid ordering key in order_by clause 'metrics.acc DOWN'.");
    expect(errorOf(() => order("runs", "metrics.acc DESC extra"))).toBe("Invalid order_by clause 'metrics.acc DESC extra'. Could not be parsed.");
    expect(errorOf(() => order("runs", ""))).toBe("Invalid order_by clause ''. Could not be parsed.");
    expect(errorOf(() => order("runs", "metrics.a", "metric.a DESC"))).toBe("`order_by` contains duplicate fields: ['metrics.a', 'metric.a DESC']");
    expect(errorOf(() => order("runs", "datasets.name"))).toBe("Invalid identifier type 'dataset'");
    expect(errorOf(() => order("runs", "attributes.lifecycle_stage"))).toMatch(/^Invalid attribute key 'lifecycle_stage'/);
    expect(errorOf(() => order("registered_models", "timestamp", "last_updated_timestamp"))).toMatch(/duplicate fields/);
    expect(errorOf(() => order("model_versions", "run_id"))).toMatch(/^Invalid attribute key 'run_id'/);
  });
});

describe("page tokens", () => {
  it("are MLflow's base64 JSON offsets, byte for byte", () => {
    expect(createPageToken(1000)).toBe(Buffer.from('{"offset": 1000}').toString("base64"));
    expect(parsePageToken(createPageToken(1000))).toBe(1000);
    expect(parsePageToken(Buffer.from('{"offset": "25"}').toString("base64"))).toBe(25);
    expect(parsePageToken(undefined)).toBe(0);
    expect(parsePageToken("")).toBe(0);
  });

  it("refuse anything malformed as a validation error", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    expect(errorOf(() => parsePageToken("not base64!"))).toBe("Invalid page token, could not base64-decode");
    expect(errorOf(() => parsePageToken("abc"))).toBe("Invalid page token, could not base64-decode");
    expect(errorOf(() => parsePageToken(b64("nope")))).toBe("Invalid page token, decoded value=nope");
    expect(errorOf(() => parsePageToken(b64("{}")))).toBe("Invalid page token, parsed value={}");
    expect(errorOf(() => parsePageToken(b64('{"offset": 0}')))).toMatch(/^Invalid page token/);
    for (const bad of ['{"offset": -5}', '{"offset": 1.5}', '{"offset": "x"}', '{"offset": [1]}', '{"offset": 1e300}']) {
      expect(errorOf(() => parsePageToken(b64(bad)))).toMatch(/^Invalid page token/);
    }
  });
});

describe("validateMaxResults", () => {
  it("allows 1 to MLflow's ceiling per entity", () => {
    expect(() => validateMaxResults("runs", 50_000)).not.toThrow();
    expect(() => validateMaxResults("model_versions", 200_000)).not.toThrow();
    expect(errorOf(() => validateMaxResults("runs", 50_001))).toBe(
      "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000",
    );
    expect(errorOf(() => validateMaxResults("registered_models", 1001))).toMatch(/at most 1000$/);
    expect(errorOf(() => validateMaxResults("experiments", 0))).toMatch(/It must be a positive integer$/);
    expect(errorOf(() => validateMaxResults("experiments", 2.5))).toMatch(/positive integer/);
  });
});
