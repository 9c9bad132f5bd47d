import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { teams } from "./teams";

export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    /** Set by a soft delete (an MLflow experiment's "deleted" stage); hidden from lists until restored. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("projects_team_id_slug_idx").on(t.teamId, t.slug),
    index("projects_created_by_idx").on(t.createdBy),
  ],
);
