// MLflow's search semantics run as one SQL statement per page over our schema: runs, experiments
// (projects), registered models and model versions. Callers authorise first and pass the projects
// or teams the actor may read; nothing outside them is ever looked at. Every user value is a bound
// parameter; the only SQL text built here comes from fixed tables below.
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { metricSeries, modelVersions, projects, registeredModels, runDatasets, runParams, runs, runTags, teams, users } from "@/db/schema";
import { runArtifactUriSql, versionSourceSql } from "./artifact-uris";
import { toMlflowStatus } from "./run-status";
import type { Clause, OrderKey, SearchEntity, Test } from "./search-entities";
import { parseOrderBy, parseSearchFilter } from "./search-filter";
import { createPageToken, parsePageToken, validateMaxResults } from "./search-paging";

export type ViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

interface PageInput {
  filter?: string | null;
  orderBy?: readonly string[] | null;
  maxResults: number;
  pageToken?: string | null;
}

export interface SearchRunsInput extends PageInput {
  projectIds: readonly string[];
  runViewType: ViewType;
}
export interface SearchExperimentsInput extends PageInput {
  teamIds: readonly string[];
  /** The caller's default team, where experiment names are bare; the first of teamIds if absent. */
  defaultTeamId?: string;
  viewType: ViewType;
}
export interface SearchModelsInput extends PageInput {
  projectIds: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const operators: Record<Exclude<Test["comparator"], "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL">, SQL> = {
  "=": sql.raw("="),
  "!=": sql.raw("<>"),
  ">": sql.raw(">"),
  ">=": sql.raw(">="),
  "<": sql.raw("<"),
  "<=": sql.raw("<="),
  LIKE: sql.raw("like"),
  ILIKE: sql.raw("ilike"),
};

/** Milliseconds since the epoch, as MLflow reports times; exact (extract is numeric since PG 14). */
const epochMs = (column: SQL | AnyPgColumn) => sql`floor(extract(epoch from ${column}) * 1000)`;

/**
 * `expr <test>` for a string, list or numeric test. Numbers bind as text with a cast so that
 * 1e400 (Python's inf) and every integer stay exact. `kind` picks the cast: metrics are float8,
 * times and versions numeric. IS NULL / IS NOT NULL are the callers' (they mean "key absent").
 */
function compare(expr: SQL | AnyPgColumn, test: Test, kind: "float8" | "numeric" = "numeric"): SQL {
  switch (test.comparator) {
    case "IN":
    case "NOT IN": {
      const list = sql.join(
        test.values.map((v) => sql`${v}`),
        sql`, `,
      );
      return test.comparator === "IN" ? sql`${expr} in (${list})` : sql`${expr} not in (${list})`;
    }
    case "IS NULL":
      return sql`${expr} is null`;
    case "IS NOT NULL":
      return sql`${expr} is not null`;
    default: {
      const op = operators[test.comparator];
      if (typeof test.value === "number") {
        const value = String(test.value);
        return kind === "float8" ? sql`${expr} ${op} ${value}::float8` : sql`${expr} ${op} ${value}::numeric`;
      }
      return sql`${expr} ${op} ${test.value}`;
    }
  }
}

/**
 * A metric's latest value against a number. Postgres orders NaN above every number, so
 * `metrics.loss > 1` would match a NaN loss; MLflow (and IEEE) say NaN compares false with
 * everything but `!=`. ±Infinity compare as numbers.
 */
function compareMetric(value: AnyPgColumn, test: Test): SQL {
  const base = compare(value, test, "float8");
  return test.comparator === ">" || test.comparator === ">=" ? sql`(${base} and ${value} <> 'NaN'::float8)` : base;
}

/** A string sort key in code point order, the same on every server whatever its collation. */
const binary = (expr: SQL | AnyPgColumn) => sql`${expr} collate "C"`;

interface SortTerm {
  expr: SQL | AnyPgColumn;
  ascending: boolean;
  /** 0 for a value, higher ranks after it in both directions (MLflow puts missing values last). */
  rank?: SQL;
}
const nullsLast = (expr: SQL | AnyPgColumn) => sql`case when ${expr} is null then 1 else 0 end`;

function orderTerms(terms: SortTerm[]): SQL[] {
  return terms.flatMap((t) => [...(t.rank ? [asc(t.rank)] : []), t.ascending ? asc(t.expr) : desc(t.expr)]);
}

function start(entity: SearchEntity, input: PageInput) {
  validateMaxResults(entity, input.maxResults);
  return {
    clauses: parseSearchFilter(entity, input.filter),
    order: parseOrderBy(entity, input.orderBy),
    offset: parsePageToken(input.pageToken),
  };
}

/** Rows were read with one extra: its presence means there is a next page. */
function page<T>(rows: T[], maxResults: number, offset: number): { items: T[]; nextPageToken?: string } {
  if (rows.length <= maxResults) return { items: rows };
  return { items: rows.slice(0, maxResults), nextPageToken: createPageToken(offset + maxResults) };
}

function lifecycle(deletedAt: AnyPgColumn, view: ViewType): SQL | undefined {
  if (view === "ACTIVE_ONLY") return isNull(deletedAt);
  if (view === "DELETED_ONLY") return isNotNull(deletedAt);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Runs

const runStatusSql = sql`(case ${runs.status} ${sql.join(
  Object.entries(toMlflowStatus).map(([ours, theirs]) => sql.raw(`when '${ours}' then '${theirs}'`)),
  sql` `,
)} end)`;

// The SQL twin of the user_id that server/mlflow/run-views.ts reports: the creator's email ("" once
// the account is gone).
const runUserSql = sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${runs.createdBy}), '')`;

/** The MLflow tag that holds a run's name; ours lives in runs.name. */
const runNameTag = "mlflow.runName";

function runAttribute(key: string): SQL | AnyPgColumn {
  switch (key) {
    case "run_id":
      return runs.id;
    case "run_name":
      return runs.name;
    case "status":
      return runStatusSql;
    case "start_time":
      return epochMs(runs.startedAt);
    case "end_time":
      return epochMs(runs.endedAt);
    case "user_id":
      return runUserSql;
    case "artifact_uri":
      return runArtifactUriSql;
  }
  throw new Error(`unhandled run attribute ${key}`);
}

const runNumericAttributes = new Set(["start_time", "end_time"]);

function runCondition(clause: Clause): SQL {
  const { type, key, test } = clause;
  switch (type) {
    case "attribute":
      return compare(runAttribute(key), test);
    case "metric":
      // Correlated on (run_id, key) only: that unique index is one probe per run. Adding project_id
      // tempted the planner, without fresh statistics, into scanning (project_id, key) per run.
      return sql`exists (select 1 from ${metricSeries} where ${metricSeries.runId} = ${runs.id} and ${metricSeries.key} = ${key} and ${compareMetric(metricSeries.lastValue, test)})`;
    case "param":
    case "tag": {
      if (type === "tag" && key === runNameTag) {
        if (test.comparator === "IS NULL") return sql`false`;
        if (test.comparator === "IS NOT NULL") return sql`true`;
        return compare(runs.name, test);
      }
      const table = type === "param" ? runParams : runTags;
      const present = sql`select 1 from ${table} where ${table.runId} = ${runs.id} and ${table.key} = ${key}`;
      if (test.comparator === "IS NULL") return sql`not exists (${present})`;
      if (test.comparator === "IS NOT NULL") return sql`exists (${present})`;
      // A run without the key matches nothing, `!=` included, as in MLflow's inner join.
      return sql`exists (${present} and ${compare(table.value, test)})`;
    }
    case "dataset": {
      const column = key === "digest" ? runDatasets.digest : key === "context" ? runDatasets.context : runDatasets.name;
      // An empty context means none was logged: MLflow has no context tag then, so nothing matches.
      const logged = key === "context" ? sql` and ${runDatasets.context} <> ''` : sql``;
      return sql`exists (select 1 from ${runDatasets} where ${runDatasets.runId} = ${runs.id}${logged} and ${compare(column, test)})`;
    }
  }
}

/**
 * One page of the runs in `projectIds` that match an MLflow filter, in MLflow's order: the
 * order_by keys, then start_time DESC, then run_id. Runs missing a sort key (no such metric, param
 * or tag, no end time) come last in both directions; a NaN metric comes after numbers and before
 * missing ones, as in MLflow's SQL store. Throws VALIDATION for a bad filter, order_by, token or
 * max_results.
 */
export async function searchRuns(db: DbOrTx, input: SearchRunsInput): Promise<{ runIds: string[]; nextPageToken?: string }> {
  const { clauses, order, offset } = start("runs", input);
  if (input.projectIds.length === 0) return { runIds: [] };

  let query = db.select({ id: runs.id }).from(runs).$dynamic();
  const terms: SortTerm[] = [];
  order.forEach((k: OrderKey, i) => {
    if (k.type === "attribute") {
      const expr = runAttribute(k.key);
      const isString = !runNumericAttributes.has(k.key);
      terms.push({ expr: isString ? binary(expr) : expr, ascending: k.ascending, rank: k.key === "end_time" ? nullsLast(expr) : undefined });
    } else if (k.type === "tag" && k.key === runNameTag) {
      terms.push({ expr: binary(runs.name), ascending: k.ascending });
    } else if (k.type === "metric") {
      const m = alias(metricSeries, `sort_${i}`);
      query = query.leftJoin(m, and(eq(m.runId, runs.id), eq(m.key, k.key)));
      const rank = sql`case when ${m.lastValue} is null then 2 when ${m.lastValue} = 'NaN'::float8 then 1 else 0 end`;
      terms.push({ expr: m.lastValue, ascending: k.ascending, rank });
    } else {
      const t = alias(k.type === "param" ? runParams : runTags, `sort_${i}`);
      query = query.leftJoin(t, and(eq(t.runId, runs.id), eq(t.key, k.key)));
      terms.push({ expr: binary(t.value), ascending: k.ascending, rank: nullsLast(t.value) });
    }
  });

  const rows = await query
    .where(and(inArray(runs.projectId, [...input.projectIds]), lifecycle(runs.deletedAt, input.runViewType), ...clauses.map(runCondition)))
    .orderBy(...orderTerms(terms))
    .limit(input.maxResults + 1)
    .offset(offset);
  const { items, nextPageToken } = page(rows, input.maxResults, offset);
  return { runIds: items.map((r) => r.id), nextPageToken };
}

// ---------------------------------------------------------------------------------------------
// Experiments (projects)

/**
 * An experiment's name as server/mlflow/experiments.ts experimentName() gives it to this caller:
 * the project's name in their default team, "team-slug/name" in their other teams.
 */
const experimentNameSql = (defaultTeamId: string) =>
  sql`(case when ${projects.teamId} = ${defaultTeamId} then ${projects.name} else (select ${teams.slug} from ${teams} where ${teams.id} = ${projects.teamId}) || '/' || ${projects.name} end)`;

function experimentAttribute(key: string, defaultTeamId: string): SQL | AnyPgColumn {
  switch (key) {
    case "name":
      return experimentNameSql(defaultTeamId);
    case "experiment_id":
      return projects.id;
    case "creation_time":
      return epochMs(projects.createdAt);
    case "last_update_time":
      return epochMs(projects.updatedAt);
  }
  throw new Error(`unhandled experiment attribute ${key}`);
}

/** A tag of a jsonb tags column: absent keys read as null, so they match nothing but IS NULL. */
const jsonTag = (tags: AnyPgColumn, key: string) => sql`(${tags} ->> ${key})`;

/**
 * One page of the projects (MLflow experiments) of `teamIds` that match, ordered by the order_by
 * keys, by default creation_time DESC then experiment_id, with experiment_id DESC as MLflow's
 * tie-breaker otherwise. experiment_id is the project's id; `name` is as the caller sees it.
 */
export async function searchExperiments(
  db: DbOrTx,
  input: SearchExperimentsInput,
): Promise<{ projectIds: string[]; nextPageToken?: string }> {
  const { clauses, order, offset } = start("experiments", input);
  if (input.teamIds.length === 0) return { projectIds: [] };
  const defaultTeamId = input.defaultTeamId ?? input.teamIds[0]!;
  const conditions = clauses.map(({ type, key, test }) =>
    type === "tag" ? compare(jsonTag(projects.tags, key), test) : compare(experimentAttribute(key, defaultTeamId), test),
  );
  const terms = order.map((k): SortTerm => {
    const expr = experimentAttribute(k.key, defaultTeamId);
    return { expr: k.key === "name" || k.key === "experiment_id" ? binary(expr) : expr, ascending: k.ascending };
  });
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.teamId, [...input.teamIds]), lifecycle(projects.deletedAt, input.viewType), ...conditions))
    .orderBy(...orderTerms(terms))
    .limit(input.maxResults + 1)
    .offset(offset);
  const { items, nextPageToken } = page(rows, input.maxResults, offset);
  return { projectIds: items.map((r) => r.id), nextPageToken };
}

// ---------------------------------------------------------------------------------------------
// Registered models and model versions

function modelAttribute(key: string): SQL | AnyPgColumn {
  switch (key) {
    case "name":
      return registeredModels.name;
    case "creation_timestamp":
      return epochMs(registeredModels.createdAt);
    case "last_updated_timestamp":
      return epochMs(registeredModels.updatedAt);
  }
  throw new Error(`unhandled registered model attribute ${key}`);
}

/**
 * One page of the registered models of `projectIds` that match, ordered by the order_by keys then
 * name ASC (and the model id, since names repeat across projects).
 */
export async function searchRegisteredModels(
  db: DbOrTx,
  input: SearchModelsInput,
): Promise<{ modelIds: string[]; nextPageToken?: string }> {
  const { clauses, order, offset } = start("registered_models", input);
  if (input.projectIds.length === 0) return { modelIds: [] };
  const conditions = clauses.map(({ type, key, test }) =>
    type === "tag" ? compare(jsonTag(registeredModels.tags, key), test) : compare(modelAttribute(key), test),
  );
  const terms = order.map((k): SortTerm => {
    const expr = modelAttribute(k.key);
    return { expr: k.key === "name" ? binary(expr) : expr, ascending: k.ascending };
  });
  terms.push({ expr: binary(registeredModels.id), ascending: true });
  const rows = await db
    .select({ id: registeredModels.id })
    .from(registeredModels)
    .where(and(inArray(registeredModels.projectId, [...input.projectIds]), ...conditions))
    .orderBy(...orderTerms(terms))
    .limit(input.maxResults + 1)
    .offset(offset);
  const { items, nextPageToken } = page(rows, input.maxResults, offset);
  return { modelIds: items.map((r) => r.id), nextPageToken };
}

// Versions are never edited, so last_updated_timestamp is the creation time here as in the answers.

function versionAttribute(key: string): SQL | AnyPgColumn {
  switch (key) {
    case "name":
      return registeredModels.name;
    case "version_number":
      return modelVersions.version;
    case "run_id":
      return modelVersions.runId;
    case "source_path":
      return versionSourceSql;
    case "creation_timestamp":
    case "last_updated_timestamp":
      return epochMs(modelVersions.createdAt);
  }
  throw new Error(`unhandled model version attribute ${key}`);
}

/**
 * One page of the model versions of `projectIds` that match, by default last_updated_timestamp
 * DESC, name ASC, version_number DESC; otherwise the order_by keys then name ASC and
 * version_number DESC (and the version id, since names repeat across projects).
 */
export async function searchModelVersions(
  db: DbOrTx,
  input: SearchModelsInput,
): Promise<{ versionIds: string[]; nextPageToken?: string }> {
  const { clauses, order, offset } = start("model_versions", input);
  if (input.projectIds.length === 0) return { versionIds: [] };
  const conditions = clauses.map(({ type, key, test }) =>
    type === "tag" ? compare(jsonTag(modelVersions.tags, key), test) : compare(versionAttribute(key), test),
  );
  const terms = order.map((k): SortTerm => {
    const expr = versionAttribute(k.key);
    return { expr: k.key === "name" ? binary(expr) : expr, ascending: k.ascending };
  });
  terms.push({ expr: binary(modelVersions.id), ascending: true });
  const rows = await db
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(inArray(modelVersions.projectId, [...input.projectIds]), ...conditions))
    .orderBy(...orderTerms(terms))
    .limit(input.maxResults + 1)
    .offset(offset);
  const { items, nextPageToken } = page(rows, input.maxResults, offset);
  return { versionIds: items.map((r) => r.id), nextPageToken };
}
