import { bigint, bigserial, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { logStreams, runStatuses } from "./enums";
import { projects } from "./projects";

export const runStatus = pgEnum("run_status", runStatuses);
export const logStream = pgEnum("log_stream", logStreams);

export interface RunSource {
  gitUrl?: string;
  commit?: string;
  dirtySha256?: string;
  /** sha256 of the uploaded code snapshot a job ran. */
  snapshotSha256?: string;
}

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: runStatus("status").notNull().default("running"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    source: jsonb("source").$type<RunSource>().notNull().default({}),
    environmentVersionId: text("environment_version_id"),
    notes: text("notes").notNull().default(""),
    /** Set by a soft delete (MLflow's lifecycle stage "deleted"); such runs are hidden until restored. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("runs_project_id_started_at_idx").on(t.projectId, t.startedAt),
    index("runs_project_id_status_idx").on(t.projectId, t.status),
  ],
);

const runRef = () =>
  text("run_id")
    .notNull()
    .references(() => runs.id, { onDelete: "cascade" });

export const runParams = pgTable(
  "run_params",
  { projectId: text("project_id").notNull(), runId: runRef(), key: text("key").notNull(), value: text("value").notNull() },
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index("run_params_project_id_key_idx").on(t.projectId, t.key)],
);

export const runTags = pgTable(
  "run_tags",
  { projectId: text("project_id").notNull(), runId: runRef(), key: text("key").notNull(), value: text("value").notNull() },
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index("run_tags_project_id_key_idx").on(t.projectId, t.key)],
);

export const runDatasets = pgTable(
  "run_datasets",
  {
    projectId: text("project_id").notNull(),
    runId: runRef(),
    uri: text("uri").notNull(),
    digest: text("digest").notNull().default(""),
    name: text("name").notNull().default(""),
    context: text("context").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.uri, t.digest] })],
);

export const runLogs = pgTable(
  "run_logs",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    projectId: text("project_id").notNull(),
    runId: runRef(),
    stream: logStream("stream").notNull(),
    text: text("text").notNull(),
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
  },
  (t) => [index("run_logs_run_id_seq_idx").on(t.runId, t.seq)],
);

// Keys of log batches already stored, so that a client retrying a batch whose answer it lost
// (a server restart mid-request) does not store its lines twice.
export const logBatches = pgTable(
  "log_batches",
  {
    runId: runRef(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);

export const runArtifacts = pgTable(
  "run_artifacts",
  {
    projectId: text("project_id").notNull(),
    runId: runRef(),
    path: text("path").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    contentType: text("content_type").notNull().default("application/octet-stream"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.path] })],
);
