import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { promotionStates, reviewDecisions } from "./enums";
import { projects } from "./projects";
import { runs } from "./runs";

export const promotionState = pgEnum("promotion_state", promotionStates);
export const reviewDecision = pgEnum("review_decision", reviewDecisions);

export const registeredModels = pgTable(
  "registered_models",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("registered_models_project_id_name_idx").on(t.projectId, t.name)],
);

/** What a version was made from, frozen when it is registered. */
export interface ModelLineage {
  runName: string;
  jobId?: string;
  source: { gitUrl?: string; commit?: string; dirtySha256?: string; snapshotSha256?: string };
  environment?: { versionId: string; name: string; version: number; digest: string; pinned: boolean };
  datasets: { uri: string; digest: string; name: string; context: string }[];
  /** Summaries at registration; NaN and ±Infinity kept as strings, since JSON has no such numbers. */
  metrics: { key: string; last: LineageNumber; min: LineageNumber; max: LineageNumber; step: number | null }[];
}
export type LineageNumber = number | "NaN" | "Infinity" | "-Infinity" | null;

// A version is bound to the exact bytes of a run's artifact (its sha256); the run may go on or be
// deleted, the lineage stays as it was at registration.
export const modelVersions = pgTable(
  "model_versions",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull(),
    version: integer("version").notNull(),
    runId: text("run_id").references(() => runs.id, { onDelete: "set null" }),
    artifactPath: text("artifact_path").notNull(),
    artifactSha256: text("artifact_sha256").notNull(),
    artifactSize: bigint("artifact_size", { mode: "number" }).notNull(),
    description: text("description").notNull().default(""),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    lineage: jsonb("lineage").$type<ModelLineage>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("model_versions_model_id_version_idx").on(t.modelId, t.version),
    index("model_versions_project_id_run_id_idx").on(t.projectId, t.runId),
  ],
);

export const modelAliases = pgTable(
  "model_aliases",
  {
    modelId: text("model_id")
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    projectId: text("project_id").notNull(),
    versionId: text("version_id")
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.alias] })],
);

// Every move of an alias: who, when, from which version to which, and by which promotion request.
export const aliasHistory = pgTable(
  "alias_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id").notNull(),
    modelId: text("model_id")
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    fromVersionId: text("from_version_id"),
    toVersionId: text("to_version_id"),
    actorUserId: text("actor_user_id"),
    promotionId: text("promotion_id"),
    createdAt: createdAt(),
  },
  (t) => [index("alias_history_model_id_alias_idx").on(t.modelId, t.alias, t.id)],
);

/** One gate a version must pass before an alias may point at it (server/registry/checks.ts). */
export type PolicyCheck =
  | { kind: "metric_threshold"; key: string; stat: "last" | "min" | "max"; op: ">=" | ">" | "<=" | "<" | "=="; value: number }
  | { kind: "run_succeeded" }
  | { kind: "environment_pinned" }
  | { kind: "beats_current"; key: string; stat: "last" | "min" | "max"; direction: "higher" | "lower" }
  | { kind: "reproduced" };

export const promotionPolicies = pgTable(
  "promotion_policies",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    requiredApprovals: integer("required_approvals").notNull().default(1),
    checks: jsonb("checks").$type<PolicyCheck[]>().notNull().default([]),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.alias] })],
);

export interface CheckResult {
  check: PolicyCheck;
  label: string;
  passed: boolean;
  /** The value the check saw, as shown to reviewers ("0.93", "failed", "not pinned: torch"). */
  value: string;
}

export const promotionRequests = pgTable(
  "promotion_requests",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    modelId: text("model_id")
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    state: promotionState("state").notNull().default("open"),
    description: text("description").notNull().default(""),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** The checks as last evaluated (at request, at each approval and at apply). */
    checks: jsonb("checks").$type<CheckResult[]>().notNull().default([]),
    /** The version the alias pointed at when this request moved it. */
    previousVersionId: text("previous_version_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("promotion_requests_project_id_state_idx").on(t.projectId, t.state),
    index("promotion_requests_model_id_alias_idx").on(t.modelId, t.alias),
  ],
);

export const promotionReviews = pgTable(
  "promotion_reviews",
  {
    id: text("id").primaryKey(),
    promotionId: text("promotion_id")
      .notNull()
      .references(() => promotionRequests.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    decision: reviewDecision("decision").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("promotion_reviews_promotion_id_reviewer_id_idx").on(t.promotionId, t.reviewerId)],
);
