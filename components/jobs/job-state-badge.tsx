import { type JobState, jobStates, terminalJobStates } from "@/db/schema/enums";
import { cn } from "../ui/cn";

const styles: Record<JobState, string> = {
  queued: "border border-dashed border-border text-muted-foreground",
  assigned: "border border-primary/40 text-primary",
  running: "bg-primary/10 text-primary",
  succeeded: "bg-success/15 text-success",
  failed: "bg-destructive/10 text-destructive",
  cancelled: "bg-secondary text-secondary-foreground",
  lost: "border border-border text-muted-foreground",
};

export const isJobState = (s: string): s is JobState => (jobStates as readonly string[]).includes(s);
export const isJobEnded = (s: JobState) => (terminalJobStates as readonly JobState[]).includes(s);

/**
 * Like RunStatusBadge, but the text is the state itself ("running"), capitalised only by CSS, so
 * tests and scripts read the same word the API returns.
 */
export function JobStateBadge({ state, className, ...props }: { state: JobState } & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      data-state={state}
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium capitalize", styles[state], className)}
      {...props}
    >
      {state === "running" ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {state}
    </span>
  );
}
