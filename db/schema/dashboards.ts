import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { projects } from "./projects";

/** A panel as stored; its `config` is validated by server/dashboards/schemas.ts per `kind`. */
export interface StoredPanel {
  id: string;
  kind: string;
  title: string;
  /** Grid size in columns (of 12) and rows. */
  w: number;
  h: number;
  config: Record<string, unknown>;
}

// A dashboard keeps its panels in order in one jsonb array, so adding, reordering and resizing are
// one row update; `revision` rejects a save based on a stale copy (two editors at once).
export const dashboards = pgTable(
  "dashboards",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    panels: jsonb("panels").$type<StoredPanel[]>().notNull().default([]),
    revision: integer("revision").notNull().default(1),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("dashboards_project_id_idx").on(t.projectId)],
);
