import {
  bigint,
  bigserial,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { runs } from "./runs";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// One row per (run, key) with the summary that tables and leaderboards read without a scan.
// min/max ignore NaN; last is the point with the highest step (latest timestamp on a tie).
export const metricSeries = pgTable(
  "metric_series",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id").notNull(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    lastStep: bigint("last_step", { mode: "number" }),
    lastValue: doublePrecision("last_value"),
    lastTimestamp: bigint("last_timestamp", { mode: "number" }),
    minValue: doublePrecision("min_value"),
    maxValue: doublePrecision("max_value"),
    /** Chunks written since the compactor last merged this series. */
    smallChunks: integer("small_chunks").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("metric_series_run_id_key_idx").on(t.runId, t.key),
    index("metric_series_project_id_key_idx").on(t.projectId, t.key),
  ],
);

// Points packed as float64 little-endian: all steps, then all values, then all timestamps (ms).
// Steps and timestamps are integers below 2^53, exact in a float64. The plain columns let a
// downsampling query skip decoding a chunk that falls wholly inside one bucket.
export const metricChunks = pgTable(
  "metric_chunks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    seriesId: bigint("series_id", { mode: "number" })
      .notNull()
      .references(() => metricSeries.id, { onDelete: "cascade" }),
    stepMin: bigint("step_min", { mode: "number" }).notNull(),
    stepMax: bigint("step_max", { mode: "number" }).notNull(),
    count: integer("count").notNull(),
    valueMin: doublePrecision("value_min"),
    valueMax: doublePrecision("value_max"),
    data: bytea("data").notNull(),
    /** server/tracking/chunk-summary.ts; null on chunks written before summaries existed. */
    summary: bytea("summary"),
    summaryCoarse: bytea("summary_coarse"),
  },
  (t) => [index("metric_chunks_series_id_step_min_idx").on(t.seriesId, t.stepMin)],
);

// Idempotency: a batch's key (client-sent, or the hash of its body) is stored with its chunks, so
// a retried batch stores nothing twice.
export const metricBatches = pgTable(
  "metric_batches",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    accepted: integer("accepted").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);
