import type { DbOrTx } from "@/db/client";
import { dashboards, type StoredPanel } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../context";
import { createId } from "../ids";
import { type PanelInput, PanelList } from "./schemas";

export const DEFAULT_DASHBOARD_NAME = "Overview";

/** What a new project's dashboard shows: the latest runs' metrics, a leaderboard, GPU use, promotions. */
export const defaultPanels: PanelInput[] = [
  { kind: "line_charts", title: "Latest runs", w: 12, h: 4, config: { filter: { top: 10, by: "started", dir: "desc" } } },
  { kind: "leaderboard", title: "Leaderboard", w: 6, h: 3, config: { k: 10 } },
  { kind: "compute_usage", title: "GPU-hours by user, last 30 days", w: 6, h: 3, config: { days: 30, group_by: "user" } },
  { kind: "pending_promotions", title: "Pending promotions", w: 12, h: 2, config: {} },
];

/** Fills defaults and gives every panel without an id a new one. */
export function storedPanels(panels: readonly PanelInput[]): StoredPanel[] {
  return PanelList.parse(panels).map((p) => ({ ...p, id: p.id ?? createId("pnl") }));
}

/**
 * Creates a project's default dashboard inside the caller's transaction (project creation, or the
 * first listing of a project made before dashboards existed) and audits it there.
 */
export async function createDefaultDashboard(tx: DbOrTx, actor: Actor | null, project: { id: string; teamId: string }) {
  const [row] = await tx
    .insert(dashboards)
    .values({
      id: createId("dsh"),
      projectId: project.id,
      name: DEFAULT_DASHBOARD_NAME,
      description: "Created with the project. Edit it, or add dashboards of your own.",
      panels: storedPanels(defaultPanels),
      createdBy: actor?.userId ?? null,
      updatedBy: actor?.userId ?? null,
    })
    .returning();
  await writeAudit(tx, actor, {
    teamId: project.teamId,
    projectId: project.id,
    action: "dashboard.create",
    targetType: "dashboard",
    targetId: row!.id,
    data: { name: row!.name, panels: row!.panels.length, default: true },
  });
  return row!;
}
