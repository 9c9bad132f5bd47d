import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt } from "./columns";
import { reproductionVerdicts } from "./enums";
import { projects } from "./projects";
import { runs } from "./runs";

export const reproductionVerdict = pgEnum("reproduction_verdict", reproductionVerdicts);

// A named environment of a project; its versions are immutable and identified by the digest of
// their canonical spec, so saving the same spec again finds the existing version.
export const environments = pgTable(
  "environments",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("environments_project_id_name_idx").on(t.projectId, t.name)],
);

export const environmentVersions = pgTable(
  "environment_versions",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull(),
    version: integer("version").notNull(),
    digest: text("digest").notNull(),
    /** The canonical spec (server/environments/spec-schema), validated before it is stored. */
    spec: jsonb("spec").$type<Record<string, unknown>>().notNull(),
    pinned: boolean("pinned").notNull(),
    unpinned: jsonb("unpinned").$type<string[]>().notNull().default([]),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("environment_versions_environment_id_version_idx").on(t.environmentId, t.version),
    uniqueIndex("environment_versions_environment_id_digest_idx").on(t.environmentId, t.digest),
    index("environment_versions_project_id_digest_idx").on(t.projectId, t.digest),
  ],
);

/** What the agent found after materialising a run's environment. */
export interface CapturedEnvironment {
  python?: string;
  /** `pip freeze` lines. */
  packages?: string[];
  os?: string;
  driver?: string;
  cuda?: string;
  gpus?: string[];
}

export const runEnvironments = pgTable("run_environments", {
  runId: text("run_id")
    .primaryKey()
    .references(() => runs.id, { onDelete: "cascade" }),
  captured: jsonb("captured").$type<CapturedEnvironment>().notNull(),
  capturedAt: timestamp("captured_at", { withTimezone: true }).notNull().defaultNow(),
});

// A run launched to reproduce another: the verdict is written when it ends.
export const reproductions = pgTable(
  "reproductions",
  {
    runId: text("run_id")
      .primaryKey()
      .references(() => runs.id, { onDelete: "cascade" }),
    ofRunId: text("of_run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    keys: jsonb("keys").$type<string[]>().notNull().default([]),
    tolerance: doublePrecision("tolerance").notNull(),
    verdict: reproductionVerdict("verdict").notNull().default("pending"),
    detail: text("detail").notNull().default(""),
    createdAt: createdAt(),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }),
  },
  (t) => [index("reproductions_of_run_id_idx").on(t.ofRunId)],
);
