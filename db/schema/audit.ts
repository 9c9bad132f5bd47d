import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

// Append-only: a trigger (migration 0001) refuses UPDATE and DELETE on this table. Actor and team
// are plain text, not foreign keys, so that the record outlives what it describes.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    teamId: text("team_id"),
    projectId: text("project_id"),
    actorUserId: text("actor_user_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_team_id_created_at_idx").on(t.teamId, t.createdAt),
    index("audit_log_actor_user_id_created_at_idx").on(t.actorUserId, t.createdAt),
  ],
);
