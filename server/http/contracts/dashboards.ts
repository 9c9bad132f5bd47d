import { z } from "zod";
import { panelKinds, PanelList } from "../../dashboards/schemas";
import { Timestamp } from "./common";

// Panels travel as stored: { id, kind, title, w, h, config } with each kind's config in snake_case
// (server/dashboards/schemas.ts), the same document the studio saves over tRPC.

export const DashboardIdParams = z.object({ dashboardId: z.string().min(1) }).strict();

export const CreateDashboardBody = z
  .object({ name: z.string(), description: z.string().optional(), panels: PanelList.optional() })
  .strict();

/** Replaces what it names as a whole; `revision` is the one the change was based on (409 if stale). */
export const UpdateDashboardBody = z
  .object({ revision: z.number().int(), name: z.string().optional(), description: z.string().optional(), panels: PanelList.optional() })
  .strict();

export const PanelBody = z
  .object({
    id: z.string(),
    kind: z.enum(panelKinds),
    title: z.string(),
    w: z.number(),
    h: z.number(),
    config: z.record(z.string(), z.unknown()),
  })
  .strict();

const summary = {
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  description: z.string(),
  revision: z.number(),
  updated_by: z.object({ id: z.string(), name: z.string().nullable() }).strict().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const DashboardBody = z.object({ ...summary, panels: z.array(PanelBody) }).strict();

export const DashboardListBody = z
  .object({ dashboards: z.array(z.object({ ...summary, panel_count: z.number() }).strict()) })
  .strict();

export const DeletedDashboardBody = z.object({ id: z.string(), deleted: z.literal(true) }).strict();
