import type { RunStatus } from "@/db/schema/enums";
import { cn } from "../ui/cn";

const styles: Record<RunStatus, string> = {
  queued: "border border-dashed border-border text-muted-foreground",
  running: "bg-primary/10 text-primary",
  succeeded: "bg-success/15 text-success",
  failed: "bg-destructive/10 text-destructive",
  cancelled: "bg-secondary text-secondary-foreground",
  lost: "border border-border text-muted-foreground",
};

export const statusLabel = (s: RunStatus) => s.charAt(0).toUpperCase() + s.slice(1);

/** Colour and text both carry the status; a running run also gets a pulsing dot. */
export function RunStatusBadge({ status, className }: { status: RunStatus; className?: string }) {
  return (
    <span
      data-status={status}
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium", styles[status], className)}
    >
      {status === "running" ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {statusLabel(status)}
    </span>
  );
}
