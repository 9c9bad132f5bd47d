// Which identifiers, keys, comparators and values each searchable MLflow entity accepts, and MLflow's
// wording for them (mlflow/utils/search_utils.py). Pure data and small helpers for the parser.

export type SearchEntity = "runs" | "experiments" | "registered_models" | "model_versions";

export type NumberComparator = "=" | "!=" | ">" | ">=" | "<" | "<=";
export type StringComparator = "=" | "!=" | "LIKE" | "ILIKE";
export type ListComparator = "IN" | "NOT IN";
export type PresenceComparator = "IS NULL" | "IS NOT NULL";
export type Comparator = NumberComparator | StringComparator | ListComparator | PresenceComparator;

export type Test =
  | { comparator: NumberComparator; value: number }
  | { comparator: StringComparator; value: string }
  | { comparator: ListComparator; values: string[] }
  | { comparator: PresenceComparator };

/** What a clause compares: MLflow's identifier types, after aliases (`metrics.` → metric …). */
export type IdentifierType = "metric" | "param" | "tag" | "attribute" | "dataset";

/** One `identifier comparator value` clause; a filter is the AND of its clauses. */
export interface Clause {
  type: IdentifierType;
  /** Attribute keys are canonical (`created` → `start_time`); other keys are as logged. */
  key: string;
  test: Test;
}

export interface OrderKey {
  type: "metric" | "param" | "tag" | "attribute";
  key: string;
  ascending: boolean;
}

/** MLflow's max_results defaults and ceilings (mlflow/store/tracking and model_registry __init__). */
// ---------------------------------------------------------------------------------------------
// Entities: which identifiers, keys and comparators each accepts.

export const numberComparators: readonly Comparator[] = ["=", "!=", ">", ">=", "<", "<="];
const stringComparators: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];
export const presence: readonly Comparator[] = ["IS NULL", "IS NOT NULL"];

interface EntityRules {
  /** Prefix → identifier type; a bare key (no prefix) is an attribute. */
  prefixes: Record<string, IdentifierType>;
  /** The error for an unknown prefix. */
  badPrefix: (prefix: string) => string;
  searchAttributes: readonly string[];
  orderAttributes: readonly string[];
  numericAttributes: readonly string[];
  /** Attribute aliases, resolved before anything else. */
  aliases: Record<string, string>;
  /** Comparators per identifier type; attributes split into string and numeric ones. */
  comparators: Partial<Record<IdentifierType | "numericAttribute", readonly Comparator[]>>;
  /** Attributes that may be compared with a list (IN / NOT IN). */
  listAttributes: readonly string[];
  /** Identifier types an order_by may name. */
  orderTypes: readonly OrderKey["type"][];
}

const runAttributes = ["artifact_uri", "end_time", "run_id", "run_name", "start_time", "status", "user_id"] as const;
export const datasetKeys = ["name", "digest", "context"] as const;

// MLflow spells the canonical names metric/parameter/tag/attribute/dataset and lists them in errors.
const runIdentifierNames = ["metric", "parameter", "tag", "attribute", "dataset"];
const modelEntityTypes = "('attribute', 'tag', 'tags')";

export const rules: Record<SearchEntity, EntityRules> = {
  runs: {
    prefixes: {
      metric: "metric",
      metrics: "metric",
      parameter: "param",
      parameters: "param",
      param: "param",
      params: "param",
      tag: "tag",
      tags: "tag",
      attribute: "attribute",
      attributes: "attribute",
      attr: "attribute",
      run: "attribute",
      dataset: "dataset",
      datasets: "dataset",
    },
    badPrefix: (p) => `Invalid entity type '${p}'. Valid values are ${pyList(runIdentifierNames)}`,
    searchAttributes: [...runAttributes, "created", "Created", "run name", "Run name", "Run Name"],
    orderAttributes: [...runAttributes, "created", "Created"],
    numericAttributes: ["start_time", "end_time"],
    aliases: { created: "start_time", Created: "start_time", "run name": "run_name", "Run name": "run_name", "Run Name": "run_name" },
    comparators: {
      metric: numberComparators,
      // IS NULL / IS NOT NULL on run params and tags: mlflow/mlflow#21283.
      param: [...stringComparators, ...presence],
      tag: [...stringComparators, ...presence],
      attribute: [...stringComparators, "IN", "NOT IN"],
      numericAttribute: numberComparators,
      dataset: [...stringComparators, "IN", "NOT IN"],
    },
    listAttributes: ["run_id"],
    orderTypes: ["metric", "param", "tag", "attribute"],
  },
  experiments: {
    // MLflow's code accepts only attribute/tag/tags here though its docs show `attributes.name`;
    // both spellings are taken.
    prefixes: { attribute: "attribute", attributes: "attribute", tag: "tag", tags: "tag" },
    badPrefix: (p) => `Invalid entity type '${p}'. Valid entity types are ${modelEntityTypes}`,
    searchAttributes: ["name", "creation_time", "last_update_time"],
    orderAttributes: ["name", "experiment_id", "creation_time", "last_update_time"],
    numericAttributes: ["creation_time", "last_update_time"],
    aliases: {},
    // IS NULL / IS NOT NULL on experiment tags: mlflow/mlflow#21148.
    comparators: { tag: [...stringComparators, ...presence], attribute: stringComparators, numericAttribute: numberComparators },
    listAttributes: [],
    orderTypes: ["attribute"],
  },
  registered_models: {
    prefixes: { attribute: "attribute", attributes: "attribute", tag: "tag", tags: "tag" },
    badPrefix: (p) => `Invalid entity type '${p}'. Valid entity types are ${modelEntityTypes}`,
    searchAttributes: ["name"],
    // MLflow's SQL store orders by name or last update (`timestamp` is its old spelling).
    orderAttributes: ["name", "timestamp", "last_updated_timestamp", "creation_timestamp"],
    numericAttributes: ["creation_timestamp", "last_updated_timestamp"],
    aliases: { timestamp: "last_updated_timestamp" },
    comparators: { tag: stringComparators, attribute: stringComparators, numericAttribute: numberComparators },
    listAttributes: [],
    orderTypes: ["attribute"],
  },
  model_versions: {
    prefixes: { attribute: "attribute", attributes: "attribute", tag: "tag", tags: "tag" },
    badPrefix: (p) => `Invalid entity type '${p}'. Valid entity types are ${modelEntityTypes}`,
    searchAttributes: ["name", "version_number", "run_id", "source_path"],
    orderAttributes: ["name", "version_number", "creation_timestamp", "last_updated_timestamp"],
    numericAttributes: ["version_number", "creation_timestamp", "last_updated_timestamp"],
    aliases: {},
    comparators: { tag: stringComparators, attribute: [...stringComparators, "IN"], numericAttribute: numberComparators },
    listAttributes: ["run_id"],
    orderTypes: ["attribute"],
  },
};

// MLflow prints its key sets as Python literals; the same shape keeps messages recognisable.
export function pyList(items: readonly string[]): string {
  return `[${items.map((i) => `'${i}'`).join(", ")}]`;
}
export function pySet(items: readonly string[]): string {
  return `{${items.map((i) => `'${i}'`).join(", ")}}`;
}
