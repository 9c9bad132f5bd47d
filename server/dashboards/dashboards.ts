import { and, asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { dashboards, projects, type StoredPanel, users } from "@/db/schema";
import { writeAudit } from "../audit/write-audit";
import type { Scope } from "../auth/permissions";
import type { ServiceContext } from "../context";
import { conflict, notFound, preconditionFailed } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { createDefaultDashboard, storedPanels } from "./default-dashboard";
import { CreateDashboardInput, DashboardRef, type Panel, PanelInput, ProjectDashboardsInput, UpdateDashboardInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };
type DashboardRow = typeof dashboards.$inferSelect;

/**
 * Stored panels were parsed on the way in; parsing again on the way out fills defaults that a later
 * version of a panel's config added. One that no longer parses is passed on as stored.
 */
function toPanel(stored: StoredPanel): Panel {
  const parsed = PanelInput.safeParse(stored);
  return parsed.success ? { ...parsed.data, id: stored.id } : (stored as unknown as Panel);
}

function dashboardView(row: DashboardRow, updatedByName: string | null) {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    panels: row.panels.map(toPanel),
    revision: row.revision,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type DashboardView = ReturnType<typeof dashboardView>;

/** The dashboard and its project, if the actor holds `scope` there (outsiders get NOT_FOUND). */
async function dashboardAccess(ctx: ServiceContext, dashboardId: string, scope: Scope) {
  const [row] = await ctx.db.select().from(dashboards).where(eq(dashboards.id, dashboardId)).limit(1);
  if (!row) throw notFound("Dashboard");
  const access = await projectAccess(ctx, row.projectId, scope);
  return { ...access, dashboard: row };
}

/** Serialises writes that count a project's dashboards (the lazy default, deleting all but one). */
async function lockProject(tx: DbOrTx, projectId: string) {
  await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for("update");
}

async function projectDashboardRows(db: DbOrTx, projectId: string) {
  return db
    .select({ dashboard: dashboards, updatedByName: users.name })
    .from(dashboards)
    .leftJoin(users, eq(users.id, dashboards.updatedBy))
    .where(eq(dashboards.projectId, projectId))
    .orderBy(asc(dashboards.createdAt), asc(dashboards.id));
}

/**
 * A project's dashboards, oldest first. A project made before dashboards existed gets its default
 * one here, on first sight, so that every project has at least one.
 */
export async function listDashboards({ ctx, input }: Verb<ProjectDashboardsInput>) {
  const { project } = await projectAccess(ctx, ProjectDashboardsInput.parse(input).projectId, "team:read");
  let rows = await projectDashboardRows(ctx.db, project.id);
  if (rows.length === 0) {
    rows = await ctx.db.transaction(async (tx) => {
      await lockProject(tx, project.id);
      const again = await projectDashboardRows(tx, project.id);
      if (again.length > 0) return again;
      // Made by the platform, not by whoever happened to look first.
      await createDefaultDashboard(tx, null, project);
      return projectDashboardRows(tx, project.id);
    });
  }
  return rows.map(({ dashboard, updatedByName }) => {
    const { panels, ...rest } = dashboardView(dashboard, updatedByName);
    return { ...rest, panelCount: panels.length };
  });
}

export async function getDashboard({ ctx, input }: Verb<DashboardRef>) {
  const { dashboard, role } = await dashboardAccess(ctx, DashboardRef.parse(input).dashboardId, "team:read");
  const [editor] = dashboard.updatedBy ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, dashboard.updatedBy)) : [];
  return { ...dashboardView(dashboard, editor?.name ?? null), role };
}

export async function createDashboard({ ctx, input }: Verb<CreateDashboardInput>) {
  const { project, actor } = await projectAccess(ctx, ProjectDashboardsInput.parse(input).projectId, "dashboards:write");
  const data = CreateDashboardInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dashboards)
      .values({
        id: createId("dsh"),
        projectId: project.id,
        name: data.name,
        description: data.description,
        panels: storedPanels(data.panels),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "dashboard.create",
      targetType: "dashboard",
      targetId: row!.id,
      data: { name: row!.name, panels: row!.panels.length },
    });
    return dashboardView(row!, actor.name);
  });
}

/**
 * Saves name, description and/or the whole panel list. The editor sends the revision it started
 * from; if someone saved in between, CONFLICT, and nothing is overwritten.
 */
export async function updateDashboard({ ctx, input }: Verb<UpdateDashboardInput>) {
  const { dashboard, project, actor } = await dashboardAccess(ctx, DashboardRef.parse(input).dashboardId, "dashboards:write");
  const data = UpdateDashboardInput.parse(input);
  const stale = () =>
    conflict(`This dashboard was changed by someone else since revision ${data.revision}; reload it and make your changes again`);
  if (dashboard.revision !== data.revision) throw stale();
  const changes = {
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.description !== undefined ? { description: data.description } : {}),
    ...(data.panels !== undefined ? { panels: storedPanels(data.panels) } : {}),
  };
  if (Object.keys(changes).length === 0) return dashboardView(dashboard, null);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(dashboards)
      .set({ ...changes, revision: sql`${dashboards.revision} + 1`, updatedBy: actor.userId })
      .where(and(eq(dashboards.id, dashboard.id), eq(dashboards.revision, data.revision)))
      .returning();
    if (!row) throw stale();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "dashboard.update",
      targetType: "dashboard",
      targetId: row.id,
      data: {
        revision: row.revision,
        changed: Object.keys(changes),
        ...(changes.name && changes.name !== dashboard.name ? { from: dashboard.name, to: changes.name } : {}),
        panels: row.panels.length,
      },
    });
    return dashboardView(row, actor.name);
  });
}

/** Deletes a dashboard; a project keeps at least one (PRECONDITION_FAILED for its last). */
export async function deleteDashboard({ ctx, input }: Verb<DashboardRef>) {
  const { dashboard, project, actor } = await dashboardAccess(ctx, DashboardRef.parse(input).dashboardId, "dashboards:write");
  await ctx.db.transaction(async (tx) => {
    await lockProject(tx, project.id);
    const [{ n }] = (await tx.select({ n: count() }).from(dashboards).where(eq(dashboards.projectId, project.id))) as [{ n: number }];
    if (n <= 1) throw preconditionFailed("A project keeps at least one dashboard; create another before deleting this one");
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "dashboard.delete",
      targetType: "dashboard",
      targetId: dashboard.id,
      data: { name: dashboard.name, revision: dashboard.revision, panels: dashboard.panels.length },
    });
    await tx.delete(dashboards).where(eq(dashboards.id, dashboard.id));
  });
  return { id: dashboard.id };
}
