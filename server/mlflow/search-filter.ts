// MLflow's search language, parsed once for the MLflow-compatible API: filter strings (clauses
// joined by AND), order_by clauses and page tokens, for runs, experiments, registered models and
// model versions. Pure: server/mlflow/search-sql.ts turns the result into SQL. Which identifiers,
// comparators and values each entity accepts, and the error texts, follow mlflow/utils/search_utils.py
// and the SQL stores that use it, so a client sees the same answers it gets from an MLflow server.
import { validation } from "../errors";
import {
  type Clause,
  type Comparator,
  datasetKeys,
  type IdentifierType,
  type NumberComparator,
  numberComparators,
  type OrderKey,
  pyList,
  pySet,
  rules,
  type SearchEntity,
  type StringComparator,
  type Test,
} from "./search-entities";
import { type Token, tokenize, unquote } from "./search-tokens";

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
