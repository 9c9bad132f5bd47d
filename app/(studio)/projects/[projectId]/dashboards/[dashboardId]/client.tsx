"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Pencil, Plus } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { DateTime } from "@/components/audit/date-time";
import { DashboardGrid, type PanelActions } from "@/components/dashboards/dashboard-grid";
import { FetchProgress } from "@/components/dashboards/fetch-progress";
import { movePanel, panelsChanged, removePanel, replacePanel, resizePanel } from "@/components/dashboards/layout";
import { PanelDialog } from "@/components/dashboards/panel-dialog";
import type { DashboardDetail } from "@/components/dashboards/types";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";
import type { Panel } from "@/server/dashboards/schemas";
import { parseDashboardView } from "./search-params";

/** What an editor changes before Save: everything Save sends, and the revision it started from. */
interface Draft {
  revision: number;
  name: string;
  description: string;
  panels: Panel[];
}

const draftOf = (d: DashboardDetail): Draft => ({ revision: d.revision, name: d.name, description: d.description, panels: d.panels });

export function DashboardClient({ projectId, dashboardId }: { projectId: string; dashboardId: string }) {
  const trpc = useTRPC();
  const dashboard = useQuery(trpc.dashboards.get.queryOptions({ dashboardId }));
  if (dashboard.isPending) return <LoadingRows rows={4} label="Loading the dashboard" />;
  if (dashboard.isError) return <ErrorState title="Could not load the dashboard" error={dashboard.error} />;
  return <DashboardView projectId={projectId} dashboard={dashboard.data} />;
}

function DashboardView({ projectId, dashboard }: { projectId: string; dashboard: DashboardDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const canEdit = can(dashboard.role, "dashboards:write");
  const [draft, setDraft] = useState<Draft | null>(() => (canEdit && parseDashboardView(searchParams).edit ? draftOf(dashboard) : null));
  const [dialog, setDialog] = useState<{ open: boolean; panel: Panel | null }>({ open: false, panel: null });
  const getKey = trpc.dashboards.get.queryKey({ dashboardId: dashboard.id });

  function stopEditing() {
    setDraft(null);
    // Drops `?edit=1` without a server round trip (Next's router observes replaceState).
    if (parseDashboardView(searchParams).edit) window.history.replaceState(null, "", pathname);
  }
  const save = useMutation(
    trpc.dashboards.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(getKey, { ...saved, role: dashboard.role });
        stopEditing();
        await queryClient.invalidateQueries({ queryKey: trpc.dashboards.list.queryKey({ projectId }) });
      },
    }),
  );
  const remove = useMutation(
    trpc.dashboards.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.dashboards.list.queryKey({ projectId }) });
        router.push(`/projects/${projectId}/dashboards`);
      },
    }),
  );
  const stale = save.error?.data?.code === "CONFLICT";

  const actions = useMemo<PanelActions | null>(
    () =>
      draft
        ? {
            onMove: (id, delta) => setDraft((d) => d && { ...d, panels: movePanel(d.panels, id, delta) }),
            onResize: (id, preset) => setDraft((d) => d && { ...d, panels: resizePanel(d.panels, id, preset) }),
            onEdit: (panel) => setDialog({ open: true, panel }),
            onRemove: (id) => setDraft((d) => d && { ...d, panels: removePanel(d.panels, id) }),
          }
        : null,
    [draft],
  );
  const panels = draft?.panels ?? dashboard.panels;
  const dirty = draft !== null && (panelsChanged(dashboard.panels, draft.panels) || draft.name !== dashboard.name || draft.description !== dashboard.description);

  function applyPanel(panel: Panel) {
    setDraft((d) => d && { ...d, panels: d.panels.some((p) => p.id === panel.id) ? replacePanel(d.panels, panel) : [...d.panels, panel] });
    setDialog({ open: false, panel: null });
  }
  function startEditing(addPanel = false) {
    save.reset();
    setDraft(draftOf(dashboard));
    if (addPanel) setDialog({ open: true, panel: null });
  }

  return (
    <section aria-labelledby="dashboard-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <Link href={`/projects/${projectId}/dashboards`} className="flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeft className="size-4" aria-hidden /> Dashboards
          </Link>
          <h2 id="dashboard-heading" className="text-lg font-semibold">
            {dashboard.name}
          </h2>
          {dashboard.description ? <p className="max-w-3xl whitespace-pre-line text-sm text-muted-foreground">{dashboard.description}</p> : null}
          <p className="text-xs text-muted-foreground">
            Edited <DateTime value={dashboard.updatedAt} />
            {dashboard.updatedByName ? ` by ${dashboard.updatedByName}` : ""}
            {canEdit ? null : " · you can look, members can edit"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <FetchProgress />
          {canEdit && !draft ? (
            <Button variant="outline" onClick={() => startEditing()}>
              <Pencil /> Edit dashboard
            </Button>
          ) : null}
        </div>
      </div>

      {draft ? (
        <EditBar
          draft={draft}
          dirty={dirty}
          saving={save.isPending}
          onChange={(patch) => setDraft((d) => d && { ...d, ...patch })}
          onAdd={() => setDialog({ open: true, panel: null })}
          onSave={() => save.mutate({ dashboardId: dashboard.id, revision: draft.revision, name: draft.name, description: draft.description, panels: draft.panels })}
          onCancel={() => {
            save.reset();
            stopEditing();
          }}
          onDelete={() => remove.mutateAsync({ dashboardId: dashboard.id })}
          dashboardName={dashboard.name}
        />
      ) : null}
      {save.error ? (
        <div className="flex flex-col gap-2">
          <ErrorState title={stale ? "Someone else saved this dashboard while you were editing" : "Could not save the dashboard"} error={save.error} />
          {stale ? (
            <div>
              <Button
                variant="outline"
                size="sm"
                onClick={async () => {
                  save.reset();
                  stopEditing();
                  await queryClient.invalidateQueries({ queryKey: getKey });
                }}
              >
                Discard my changes and load theirs
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}

      {panels.length === 0 ? (
        <EmptyState
          title="This dashboard has no panels yet"
          description={canEdit ? "Add charts over saved run filters, a leaderboard, compute usage or pending promotions." : undefined}
          action={
            canEdit ? (
              <Button onClick={() => (draft ? setDialog({ open: true, panel: null }) : startEditing(true))}>
                <Plus /> Add panel
              </Button>
            ) : undefined
          }
        />
      ) : (
        <DashboardGrid projectId={projectId} panels={panels} actions={actions} />
      )}
      {canEdit ? (
        <PanelDialog
          projectId={projectId}
          panel={dialog.panel}
          open={dialog.open}
          onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
          onSubmit={applyPanel}
        />
      ) : null}
    </section>
  );
}

function EditBar({
  draft,
  dirty,
  saving,
  dashboardName,
  onChange,
  onAdd,
  onSave,
  onCancel,
  onDelete,
}: {
  draft: Draft;
  dirty: boolean;
  saving: boolean;
  dashboardName: string;
  onChange: (patch: Partial<Draft>) => void;
  onAdd: () => void;
  onSave: () => void;
  onCancel: () => void;
  onDelete: () => Promise<unknown>;
}) {
  const nameId = useId();
  const descriptionId = useId();
  return (
    <div role="toolbar" aria-label="Edit dashboard" className="sticky top-0 z-20 flex flex-wrap items-end gap-3 rounded-lg border bg-background/95 p-3 backdrop-blur">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={nameId}>Dashboard name</Label>
        <Input id={nameId} value={draft.name} maxLength={120} className="w-56" onChange={(e) => onChange({ name: e.target.value })} />
      </div>
      <div className="flex min-w-56 flex-1 flex-col gap-1.5">
        <Label htmlFor={descriptionId}>Description</Label>
        <Input id={descriptionId} value={draft.description} maxLength={2000} onChange={(e) => onChange({ description: e.target.value })} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" onClick={onAdd}>
          <Plus /> Add panel
        </Button>
        <Button onClick={onSave} disabled={saving || !dirty || !draft.name.trim()}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="ghost" className="text-destructive">
              Delete dashboard
            </Button>
          }
          title={`Delete "${dashboardName}"?`}
          description="Its panels go with it. A project keeps at least one dashboard."
          confirmLabel="Delete dashboard"
          onConfirm={onDelete}
        />
      </div>
    </div>
  );
}
