"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { LayoutDashboard } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { MAX_PANELS } from "@/server/dashboards/schemas";
import { useTRPC, useTRPCClient } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { Input } from "../ui/input";
import { Label } from "../ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState, LoadingRows } from "../ui/states";
import { appendPanel, comparisonFilter, comparisonPanel, comparisonTitle, type ComparisonView } from "./compare-panel";

export interface SaveComparisonDialogProps {
  projectId: string;
  view: ComparisonView;
  /** The runs the comparison shows, in its order. */
  shownRunIds: readonly string[];
}

/** The compare view's "Save to dashboard": appends the comparison as a line-charts panel. */
export function SaveComparisonDialog(props: SaveComparisonDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <LayoutDashboard aria-hidden /> Save to dashboard
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save to dashboard</DialogTitle>
          <DialogDescription>Adds these charts as a panel: the same runs, x-axis, smoothing and scale.</DialogDescription>
        </DialogHeader>
        {/* Mounted per opening: the title and the choice start from the view as it is now. */}
        {open ? <SaveForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

const isConflict = (error: unknown) => error instanceof TRPCClientError && error.data?.code === "CONFLICT";

function SaveForm({ projectId, view, shownRunIds }: SaveComparisonDialogProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const dashboards = useQuery(trpc.dashboards.list.queryOptions({ projectId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const dashboardId = chosen ?? dashboards.data?.[0]?.id ?? null;
  const [title, setTitle] = useState(() => comparisonTitle(comparisonFilter(view.selection, shownRunIds)));
  const dashboardFieldId = useId();
  const titleId = useId();

  const save = useMutation({
    mutationFn: async (target: string) => {
      const panel = comparisonPanel(view, { shownRunIds, title });
      // Appends to the dashboard as it is now; if someone saves in between, once more on theirs.
      const append = async () => {
        const current = await client.dashboards.get.query({ dashboardId: target });
        const panels = appendPanel(current.panels, panel);
        if (!panels) throw new Error(`“${current.name}” already holds ${MAX_PANELS} panels; remove one or choose another dashboard`);
        const saved = await client.dashboards.update.mutate({ dashboardId: target, revision: current.revision, panels });
        return { dashboard: { ...saved, role: current.role }, panel };
      };
      try {
        return await append();
      } catch (error) {
        if (isConflict(error)) return append();
        throw error;
      }
    },
    onSuccess: async ({ dashboard }) => {
      queryClient.setQueryData(trpc.dashboards.get.queryKey({ dashboardId: dashboard.id }), dashboard);
      await queryClient.invalidateQueries({ queryKey: trpc.dashboards.list.queryKey({ projectId }) });
    },
  });

  if (save.data) {
    const { dashboard, panel } = save.data;
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-md border border-success/40 bg-success/10 p-3 text-sm" data-testid="saved-panel">
          Added <span className="font-medium">{panel.title}</span> to <span className="font-medium">{dashboard.name}</span>.
        </p>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Close</Button>
          </DialogClose>
          <Button asChild>
            <Link href={`/projects/${projectId}/dashboards/${dashboard.id}`}>Open dashboard</Link>
          </Button>
        </div>
      </div>
    );
  }
  if (dashboards.isPending) return <LoadingRows rows={2} label="Loading dashboards" />;
  if (dashboards.isError) return <ErrorState title="Could not load the dashboards" error={dashboards.error} />;

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (dashboardId) save.mutate(dashboardId);
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={dashboardFieldId}>Dashboard</Label>
        <Select value={dashboardId ?? undefined} onValueChange={setChosen}>
          <SelectTrigger id={dashboardFieldId} aria-label="Dashboard" className="w-full">
            <SelectValue placeholder="Choose a dashboard" />
          </SelectTrigger>
          <SelectContent>
            {dashboards.data.map((d) => (
              <SelectItem key={d.id} value={d.id}>
                {d.name} ({d.panelCount} {d.panelCount === 1 ? "panel" : "panels"})
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={titleId}>Panel title</Label>
        <Input id={titleId} value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {save.error ? <ErrorState title="Could not save the panel" error={save.error} /> : null}
      <Button type="submit" disabled={save.isPending || !dashboardId}>
        {save.isPending ? "Saving…" : "Save panel"}
      </Button>
    </form>
  );
}
