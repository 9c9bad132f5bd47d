// MLflow's search language, parsed once for the MLflow-compatible API: filter strings (clauses
// joined by AND), order_by clauses and page tokens, for runs, experiments, registered models and
// model versions. Pure: server/mlflow/search-sql.ts turns the result into SQL. Which identifiers,
// comparators and values each entity accepts, and the error texts, follow mlflow/utils/search_utils.py
// and the SQL stores that use it, so a client sees the same answers it gets from an MLflow server.
import { validation } from "../errors";

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
export const searchLimits: Record<SearchEntity, { default: number; max: number }> = {
  runs: { default: 1000, max: 50_000 },
  experiments: { default: 1000, max: 50_000 },
  registered_models: { default: 100, max: 1000 },
  model_versions: { default: 10_000, max: 200_000 },
};

export function validateMaxResults(entity: SearchEntity, maxResults: number): void {
  const { max } = searchLimits[entity];
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw validation(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`);
  }
  if (maxResults > max) {
    throw validation(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ${max}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Entities: which identifiers, keys and comparators each accepts.

const numberComparators: readonly Comparator[] = ["=", "!=", ">", ">=", "<", "<="];
const stringComparators: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];
const presence: readonly Comparator[] = ["IS NULL", "IS NOT NULL"];

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
const datasetKeys = ["name", "digest", "context"] as const;

// MLflow spells the canonical names metric/parameter/tag/attribute/dataset and lists them in errors.
const runIdentifierNames = ["metric", "parameter", "tag", "attribute", "dataset"];
const modelEntityTypes = "('attribute', 'tag', 'tags')";

const rules: Record<SearchEntity, EntityRules> = {
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
function pyList(items: readonly string[]): string {
  return `[${items.map((i) => `'${i}'`).join(", ")}]`;
}
function pySet(items: readonly string[]): string {
  return `{${items.map((i) => `'${i}'`).join(", ")}}`;
}

// ---------------------------------------------------------------------------------------------
// Tokens. The language is SQL-like: identifiers whose dotted segments may be quoted with "", ''
// or ``, single- or double-quoted strings, numbers, comparison operators, keywords and lists.

type Token =
  | { kind: "ident"; text: string; segments: string[] }
  | { kind: "keyword"; text: string; word: string }
  | { kind: "string"; text: string; value: string }
  | { kind: "number"; text: string; value: number }
  | { kind: "op"; text: string }
  | { kind: "punct"; text: string };

const keywords = new Set(["AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL", "ASC", "DESC"]);
const numberPattern = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])/;
const wordPattern = /^\w+/;

/** Reads a quoted run starting at `start`; a doubled quote or a backslash escapes the quote. */
function readQuoted(input: string, start: number): { end: number; value: string } | null {
  const quote = input[start]!;
  let value = "";
  let i = start + 1;
  while (i < input.length) {
    const c = input[i]!;
    if (c === "\\" && i + 1 < input.length) {
      // Kept as written: LIKE patterns use backslash escapes of their own.
      value += c + input[i + 1];
      i += 2;
    } else if (c === quote && input[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { end: i + 1, value };
    } else {
      value += c;
      i += 1;
    }
  }
  return null;
}

function tokenize(input: string, fail: (what: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const rest = input.slice(i);
    const number = numberPattern.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const quoted = readQuoted(input, i);
      if (!quoted) fail(rest);
      // "a".b is an identifier whose first segment is quoted; otherwise a quoted run is a value.
      if (input[quoted.end] !== ".") {
        tokens.push({ kind: "string", text: input.slice(i, quoted.end), value: quoted.value });
        i = quoted.end;
        continue;
      }
    }
    if (/[\w`'"]/.test(c)) {
      const start = i;
      const segments: string[] = [];
      for (;;) {
        const q = input[i];
        if (q === "`" || q === "'" || q === '"') {
          const quoted = readQuoted(input, i);
          if (!quoted) fail(input.slice(start));
          segments.push(input.slice(i, quoted.end));
          i = quoted.end;
        } else {
          const word = wordPattern.exec(input.slice(i));
          if (!word) fail(input.slice(start));
          segments.push(word[0]);
          i += word[0].length;
        }
        if (input[i] !== "." || !/[\w`'"]/.test(input[i + 1] ?? "")) break;
        i += 1;
      }
      const text = input.slice(start, i);
      const upper = text.toUpperCase();
      if (segments.length === 1 && keywords.has(upper)) tokens.push({ kind: "keyword", text, word: upper });
      else tokens.push({ kind: "ident", text, segments });
      continue;
    }
    const op = /^[<>=!~]+/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      i += op[0].length;
      continue;
    }
    tokens.push({ kind: "punct", text: c });
    i += 1;
  }
  return tokens;
}

const isQuoted = (s: string, q: string) => s.length >= 2 && s.startsWith(q) && s.endsWith(q);
function unquote(s: string): string {
  for (const q of ["`", '"', "'"]) if (isQuoted(s, q)) return readQuoted(s, 0)?.value ?? s.slice(1, -1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

interface Identifier {
  type: IdentifierType;
  key: string;
}

function resolveIdentifier(entity: SearchEntity, token: Extract<Token, { kind: "ident" }>, validAttributes: readonly string[]): Identifier {
  const r = rules[entity];
  let type: IdentifierType = "attribute";
  let key: string;
  if (token.segments.length === 1) {
    key = unquote(token.segments[0]!);
  } else {
    const prefix = unquote(token.segments[0]!);
    const resolved = r.prefixes[prefix];
    if (!resolved) throw validation(r.badPrefix(prefix));
    type = resolved;
    const rest = token.segments.slice(1);
    // `tags.mlflow.runName` is the key "mlflow.runName"; a key quoted whole loses its quotes.
    key = rest.length === 1 ? unquote(rest[0]!) : rest.join(".");
  }
  if (type === "attribute") {
    if (!validAttributes.includes(key)) {
      throw validation(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(validAttributes)}'`);
    }
    key = r.aliases[key] ?? key;
  } else if (type === "dataset" && !(datasetKeys as readonly string[]).includes(key)) {
    throw validation(`Invalid dataset key '${key}' specified. Valid keys are '${pySet(datasetKeys)}'`);
  }
  return { type, key };
}

// ---------------------------------------------------------------------------------------------
// Filters

type Value =
  | { kind: "string"; value: string; text: string }
  | { kind: "number"; value: number; text: string }
  | { kind: "bare"; text: string }
  | { kind: "list"; items: Token[]; text: string }
  | { kind: "none" };

interface RawClause {
  ident: Extract<Token, { kind: "ident" }>;
  comparator: string;
  value: Value;
}

const textOf = (tokens: Token[]) => tokens.map((t) => t.text).join(" ");

/** One clause's tokens → identifier, comparator and value, or null if it is not a clause. */
function readClause(tokens: Token[]): RawClause | null {
  const [first, ...rest] = tokens;
  if (first?.kind !== "ident" || rest.length === 0) return null;
  const words = rest.map((t) => (t.kind === "keyword" ? t.word : t.kind === "op" ? t.text : null));
  const at = (n: number) => words[n];
  if (rest.length === 2 && (rest[0]!.kind === "op" || at(0) === "LIKE" || at(0) === "ILIKE")) {
    return { ident: first, comparator: at(0)!, value: valueOf(rest[1]!) };
  }
  if (rest.length === 2 && at(0) === "IS" && at(1) === "NULL") return { ident: first, comparator: "IS NULL", value: { kind: "none" } };
  if (rest.length === 3 && at(0) === "IS" && at(1) === "NOT" && at(2) === "NULL") {
    return { ident: first, comparator: "IS NOT NULL", value: { kind: "none" } };
  }
  const list = (from: number) => {
    const items = rest.slice(from);
    if (items[0]?.text !== "(" || items.at(-1)?.text !== ")") return null;
    return { kind: "list" as const, items: items.slice(1, -1), text: textOf(items) };
  };
  if (at(0) === "IN") {
    const value = list(1);
    return value && { ident: first, comparator: "IN", value };
  }
  if (at(0) === "NOT" && at(1) === "IN") {
    const value = list(2);
    return value && { ident: first, comparator: "NOT IN", value };
  }
  return null;
}

function valueOf(token: Token): Value {
  if (token.kind === "string") return { kind: "string", value: token.value, text: token.text };
  if (token.kind === "number") return { kind: "number", value: token.value, text: token.text };
  return { kind: "bare", text: token.text };
}

function stringValue(value: Value, what: string): string {
  if (value.kind === "string") return value.value;
  if (value.kind === "bare") {
    throw validation(
      `Parameter value is either not quoted or unidentified quote types used for string value ${value.text}. Use either single or double quotes.`,
    );
  }
  throw validation(`Expected a quoted string value for ${what}. Got value ${"text" in value ? value.text : ""}`);
}

/** A parenthesised list of quoted strings, as MLflow reads it (a trailing comma is fine). */
function listValue(value: Extract<Value, { kind: "list" }>): string[] {
  const items = value.items;
  if (items.length === 0) {
    throw validation("While parsing a list in the query, expected a non-empty list of string values, but got empty list");
  }
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const item = items[i]!;
    const sep = items[i + 1];
    if (item.kind !== "string") {
      throw validation(
        `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${value.text}`,
      );
    }
    if (sep && sep.text !== ",") {
      throw validation("While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.");
    }
    out.push(item.value);
  }
  return out;
}

function checkComparator(comparator: string, allowed: readonly Comparator[] | undefined): Comparator {
  const upper = comparator.toUpperCase();
  if (!allowed?.includes(upper as Comparator)) {
    throw validation(`Invalid comparator '${comparator}' not one of '${pySet(allowed ?? [])}'`);
  }
  return upper as Comparator;
}

function toClause(entity: SearchEntity, raw: RawClause): Clause {
  const r = rules[entity];
  const { type, key } = resolveIdentifier(entity, raw.ident, r.searchAttributes);
  const { value } = raw;
  const numericAttribute = type === "attribute" && r.numericAttributes.includes(key);
  const label = type === "param" ? "parameter" : type;

  if (value.kind === "list" && !(type === "dataset" || (type === "attribute" && r.listAttributes.includes(key)))) {
    throw validation("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
  }

  // Values are checked before comparators, in MLflow's order, so the same input gets the same error.
  let number: number | undefined;
  let text: string | undefined;
  if (type === "metric" || (numericAttribute && entity !== "model_versions")) {
    if (value.kind === "number") number = value.value;
    else if (value.kind !== "none") {
      throw validation(
        type === "metric"
          ? `Expected numeric value type for metric. Found ${value.text}`
          : `Expected numeric value type for numeric attribute: ${key}. Found ${value.text}`,
      );
    }
  } else if (numericAttribute) {
    // Model versions take version_number as a number or a quoted number.
    if (value.kind === "number") number = value.value;
    else if (value.kind === "string" && /^\s*-?\d+\s*$/.test(value.value)) number = Number(value.value);
    else if (value.kind !== "none") {
      throw validation(`Expected numeric value type for numeric attribute: ${key}. Found ${"text" in value ? value.text : ""}`);
    }
  } else if (value.kind === "number") {
    if (entity === "model_versions" && type === "attribute") {
      throw validation(`Only the '${pySet(r.numericAttributes)}' attributes support comparison with numeric values.`);
    }
    const what = type === "attribute" ? "attributes" : type === "dataset" ? "dataset attributes" : `${label} (e.g. 'my-value')`;
    throw validation(`Expected a quoted string value for ${what}. Got value ${value.text}`);
  } else if (value.kind === "string" || value.kind === "bare") {
    text = stringValue(value, type === "attribute" ? "attributes" : type === "dataset" ? "dataset attributes" : `${label} (e.g. 'my-value')`);
  }

  const comparator = checkComparator(raw.comparator, r.comparators[numericAttribute ? "numericAttribute" : type]);
  let test: Test;
  if (comparator === "IS NULL" || comparator === "IS NOT NULL") test = { comparator };
  else if (comparator === "IN" || comparator === "NOT IN") {
    if (value.kind !== "list") throw invalidClauses(entity, [textOf([raw.ident]), raw.comparator]);
    test = { comparator, values: listValue(value) };
  } else if (value.kind === "list" || value.kind === "none") {
    throw invalidClauses(entity, [textOf([raw.ident]), raw.comparator, value.kind === "list" ? value.text : ""]);
  } else if (number !== undefined) {
    if (!(numberComparators as readonly string[]).includes(comparator)) {
      throw validation(`Invalid comparator '${raw.comparator}' not one of '${pySet(numberComparators)}'`);
    }
    test = { comparator: comparator as NumberComparator, value: number };
  } else {
    test = { comparator: comparator as StringComparator, value: text ?? "" };
  }
  return { type, key, test };
}

function invalidClauses(entity: SearchEntity, parts: string[]) {
  const text = parts.filter(Boolean).join(" ");
  // MLflow quotes each invalid token for runs and lists them bare for the other entities.
  return validation(`Invalid clause(s) in filter string: ${entity === "runs" ? `'${text}'` : text}`);
}

/**
 * Parses an MLflow filter string for `entity`. An empty or blank filter is no clauses. Throws a
 * VALIDATION DomainError (MLflow's INVALID_PARAMETER_VALUE) with MLflow's message for bad input.
 */
export function parseSearchFilter(entity: SearchEntity, filter: string | undefined | null): Clause[] {
  if (!filter || !filter.trim()) return [];
  const fail = (): never => {
    throw validation(`Error on parsing filter '${filter}'`);
  };
  const tokens = tokenize(filter, fail);
  const groups: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "keyword" && t.word === "AND") groups.push([]);
    else groups.at(-1)!.push(t);
  }
  const clauses: Clause[] = [];
  for (const group of groups) {
    const raw = readClause(group);
    if (!raw) throw invalidClauses(entity, [group.length ? textOf(group) : "AND"]);
    clauses.push(toClause(entity, raw));
  }
  return clauses;
}

// ---------------------------------------------------------------------------------------------
// order_by

function parseOrderByClause(entity: SearchEntity, clause: string): OrderKey {
  const couldNotParse = () => validation(`Invalid order_by clause '${clause}'. Could not be parsed.`);
  const tokens = tokenize(clause, () => {
    throw couldNotParse();
  });
  const [first, second, ...more] = tokens;
  if (first?.kind !== "ident" || more.length > 0) throw couldNotParse();
  let ascending = true;
  if (second) {
    const word = second.kind === "keyword" || second.kind === "ident" ? second.text.toUpperCase() : null;
    if (word === null) throw couldNotParse();
    if (word !== "ASC" && word !== "DESC") throw validation(`Invalid ordering key in order_by clause '${clause}'.`);
    ascending = word === "ASC";
  }
  const r = rules[entity];
  const { type, key } = resolveIdentifier(entity, first, r.orderAttributes);
  if (type === "dataset" || !(r.orderTypes as string[]).includes(type)) {
    throw validation(entity === "runs" ? `Invalid identifier type '${type}'` : `Invalid order_by entity: ${type}`);
  }
  return { type: type as OrderKey["type"], key, ascending };
}

const has = (keys: OrderKey[], type: OrderKey["type"], key: string) => keys.some((k) => k.type === type && k.key === key);
const attr = (key: string, ascending: boolean): OrderKey => ({ type: "attribute", key, ascending });

/**
 * Parses order_by clauses ("metrics.acc DESC", "name", "`params`.`lr` asc") and completes them
 * with MLflow's defaults and tie-breakers, so the returned keys give a total order:
 * runs: … then start_time DESC, run_id ASC; experiments: creation_time DESC, experiment_id ASC by
 * default, else … then experiment_id DESC; registered models: … then name ASC; model versions:
 * last_updated_timestamp DESC, name ASC, version_number DESC by default, else … then name ASC,
 * version_number DESC. A key named twice is an error, as in MLflow's SQL stores.
 */
export function parseOrderBy(entity: SearchEntity, orderBy: readonly string[] | undefined | null): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const clause of orderBy ?? []) {
    const key = parseOrderByClause(entity, clause);
    if (entity !== "experiments" && has(keys, key.type, key.key)) {
      throw validation(`\`order_by\` contains duplicate fields: ${pyList(orderBy ?? [])}`);
    }
    keys.push(key);
  }
  switch (entity) {
    case "runs":
      if (!has(keys, "attribute", "start_time")) keys.push(attr("start_time", false));
      if (!has(keys, "attribute", "run_id")) keys.push(attr("run_id", true));
      break;
    case "experiments":
      if (keys.length === 0) keys.push(attr("creation_time", false), attr("experiment_id", true));
      else if (!has(keys, "attribute", "experiment_id")) keys.push(attr("experiment_id", false));
      break;
    case "registered_models":
      if (!has(keys, "attribute", "name")) keys.push(attr("name", true));
      break;
    case "model_versions":
      if (keys.length === 0) keys.push(attr("last_updated_timestamp", false));
      if (!has(keys, "attribute", "name")) keys.push(attr("name", true));
      if (!has(keys, "attribute", "version_number")) keys.push(attr("version_number", false));
      break;
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Page tokens: base64 of JSON {"offset": n}, byte for byte what MLflow's create_page_token writes.

export function createPageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }).replace(":", ": "), "utf8").toString("base64");
}

/** The offset a page token stands for; no token is offset 0. A malformed token is a VALIDATION error. */
export function parsePageToken(token: string | undefined | null): number {
  if (!token) return 0;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(token) || token.length % 4 !== 0) {
    throw validation("Invalid page token, could not base64-decode");
  }
  const decoded = Buffer.from(token, "base64").toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw validation(`Invalid page token, decoded value=${decoded}`);
  }
  const offset = parsed && typeof parsed === "object" ? (parsed as { offset?: unknown }).offset : undefined;
  if (!offset) throw validation(`Invalid page token, parsed value=${decoded}`);
  const n = typeof offset === "string" && /^\d+$/.test(offset.trim()) ? Number(offset) : offset;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw validation(`Invalid page token, not stringable ${JSON.stringify(offset)}`);
  }
  return n;
}
