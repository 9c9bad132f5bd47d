"use client";

import { DateTime } from "../audit/date-time";
import { Badge } from "../ui/badge";
import { EmptyState, ErrorState } from "../ui/states";
import { PanelLoading } from "./panel-states";
import { usePendingPromotions } from "./use-pending-promotions";

/** Open model promotion requests of the project: what waits for a reviewer. */
export function PendingPromotionsPanel({ projectId }: { projectId: string }) {
  const promotions = usePendingPromotions(projectId);
  if (promotions.isPending) return <PanelLoading label="Loading pending promotions" />;
  if (promotions.isError) return <ErrorState title="Could not load pending promotions" error={promotions.error} />;
  if (promotions.data.length === 0) return <EmptyState title="No pending promotions" description="Requests to move a model alias appear here until they are decided." />;
  return (
    <ul aria-label="Pending promotions" className="divide-y rounded-md border text-sm">
      {promotions.data.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2">
          <span className="min-w-0">
            <span className="font-medium">{p.modelName}</span> <span className="text-muted-foreground">v{p.version}</span> →{" "}
            <span className="font-mono text-xs">{p.alias}</span>
          </span>
          <span className="flex items-center gap-2 text-xs text-muted-foreground">
            <Badge>{p.state}</Badge>
            {p.requestedBy ? <span>by {p.requestedBy.name}</span> : null}
            <DateTime value={p.createdAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
