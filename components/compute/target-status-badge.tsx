import { formatDuration } from "../charts/prepare/format";
import { cn } from "../ui/cn";
import type { TargetStatus } from "./types";

const styles: Record<TargetStatus, string> = {
  online: "bg-success/15 text-success",
  offline: "bg-destructive/10 text-destructive",
  never_seen: "border border-dashed border-border text-muted-foreground",
};

export const targetStatusLabel: Record<TargetStatus, string> = { online: "Online", offline: "Offline", never_seen: "Never seen" };

/** Colour and text both carry the health; an online target gets a dot. */
export function TargetStatusBadge({ status, className }: { status: TargetStatus; className?: string }) {
  return (
    <span
      data-status={status}
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium", styles[status], className)}
    >
      {status === "online" ? <span aria-hidden className="size-1.5 rounded-full bg-current" /> : null}
      {targetStatusLabel[status]}
    </span>
  );
}

/**
 * "12s ago" against `now`, the query's fetch time rather than Date.now(), so the server render and
 * hydration agree; it moves on with each refetch.
 */
export function Ago({ value, now }: { value: Date; now: number }) {
  const ms = Math.max(0, now - value.getTime());
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {ms < 1000 ? "just now" : `${formatDuration(ms)} ago`}
    </time>
  );
}
