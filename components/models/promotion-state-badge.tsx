import type { PromotionState } from "@/db/schema/enums";
import { cn } from "../ui/cn";

const styles: Record<PromotionState, string> = {
  open: "bg-primary/10 text-primary",
  approved: "border border-primary/40 text-primary",
  applied: "bg-success/15 text-success",
  rejected: "bg-destructive/10 text-destructive",
  cancelled: "bg-secondary text-secondary-foreground",
  superseded: "border border-dashed border-border text-muted-foreground",
};

/** A request's state; the text is the state itself, so tests and scripts read "applied". */
export function PromotionStateBadge({ state, className, ...props }: { state: PromotionState } & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      data-state={state}
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", styles[state], className)}
      {...props}
    >
      {state}
    </span>
  );
}

/** An alias name with the version it points at: `production → v3`. */
export function AliasBadge({ alias, version, className }: { alias: string; version?: number; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full border px-2 py-0.5 font-mono text-xs", className)} data-alias={alias}>
      {alias}
      {version !== undefined ? <span className="text-muted-foreground">→ v{version}</span> : null}
    </span>
  );
}
