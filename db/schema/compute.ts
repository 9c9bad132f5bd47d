import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { computeKinds } from "./enums";
import { teams } from "./teams";

export const computeKind = pgEnum("compute_kind", computeKinds);

export interface HostInfo {
  hostname?: string;
  os?: string;
  cpus?: number;
  memoryMb?: number;
  agentVersion?: string;
}

export interface GpuInventoryItem {
  index: number;
  uuid: string;
  name: string;
  memoryMb: number;
  driver: string;
}

export interface GpuSample {
  index: number;
  utilization: number;
  memoryUsedMb: number;
}

/** How the platform reaches a Slurm cluster's slurmrestd; the JWT is kept apart, sealed. */
export interface SlurmConfig {
  baseUrl: string;
  apiVersion: string;
  user: string;
  partition: string;
  account?: string;
  qos?: string;
  /** A folder the compute nodes share, writable by `user`: job folders and batch output go there. */
  workDir: string;
  /** How a batch script starts the executor on a compute node, e.g. `trainyard` or `node /opt/trainyard/cli/bin/trainyard.mjs`. */
  execCommand: string;
}

export interface SlurmNodeInfo {
  name: string;
  /** Slurm's state words, e.g. "IDLE", "MIXED", "DRAIN". */
  state: string;
  partitions: string[];
  cpus: number;
  memoryMb: number;
  gpus: { type: string; count: number }[];
  gpusUsed: number;
  reason?: string;
}

export interface SlurmPartitionInfo {
  name: string;
  state: string;
  nodes: string[];
  isDefault: boolean;
  maxTimeMinutes: number | null;
}

/** What the dispatcher last read from slurmrestd: health and inventory. */
export interface SlurmStatus {
  checkedAt: string;
  reachable: boolean;
  error?: string;
  partitions: SlurmPartitionInfo[];
  nodes: SlurmNodeInfo[];
}

// A registered compute target. The agent authenticates with the target's token (shown once,
// kept as a hash); health is the age of its last heartbeat (for a Slurm target: of the last
// successful read of its slurmrestd, whose token no agent ever sees). A target without a team is shared by
// every team of the instance: only the local agent that `npm run up` starts is registered so.
export const computeTargets = pgTable(
  "compute_targets",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: computeKind("kind").notNull().default("agent"),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    tokenHash: text("token_hash").notNull(),
    host: jsonb("host").$type<HostInfo>().notNull().default({}),
    gpus: jsonb("gpus").$type<GpuInventoryItem[]>().notNull().default([]),
    gpuSamples: jsonb("gpu_samples").$type<GpuSample[]>().notNull().default([]),
    lastHeartbeatAt: timestamp("last_heartbeat_at", { withTimezone: true }),
    /** Kind slurm: the cluster's slurmrestd, its JWT sealed with the server secret, and what was last read from it. */
    slurm: jsonb("slurm").$type<SlurmConfig>(),
    slurmTokenSealed: text("slurm_token_sealed"),
    slurmStatus: jsonb("slurm_status").$type<SlurmStatus>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("compute_targets_team_id_name_idx").on(t.teamId, t.name),
    uniqueIndex("compute_targets_token_hash_idx").on(t.tokenHash),
    index("compute_targets_team_id_last_heartbeat_at_idx").on(t.teamId, t.lastHeartbeatAt),
  ],
);

