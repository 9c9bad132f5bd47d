import { Check, Clock, Minus, X } from "lucide-react";
import type { ReproductionVerdict } from "@/db/schema/enums";
import { cn } from "../ui/cn";

const styles: Record<ReproductionVerdict, string> = {
  pending: "border border-dashed border-border text-muted-foreground",
  reproduced: "bg-success/15 text-success",
  diverged: "bg-destructive/10 text-destructive",
  not_comparable: "bg-secondary text-secondary-foreground",
};

const icons: Record<ReproductionVerdict, typeof Check> = { pending: Clock, reproduced: Check, diverged: X, not_comparable: Minus };

export const verdictDescriptions: Record<ReproductionVerdict, string> = {
  pending: "The verdict is written when the reproduction ends",
  reproduced: "Its metrics match the original's within the tolerance",
  diverged: "Its metrics differ from the original's beyond the tolerance",
  not_comparable: "One of the two runs did not succeed, or they share no metrics to compare",
};

/**
 * A reproduction's verdict. The text is the verdict word the API returns ("not_comparable"), so
 * tests and scripts read it as is; the title says what it means.
 */
export function ReproductionVerdictBadge({
  verdict,
  className,
  ...props
}: { verdict: ReproductionVerdict } & React.HTMLAttributes<HTMLSpanElement>) {
  const Icon = icons[verdict];
  return (
    <span
      data-verdict={verdict}
      title={verdictDescriptions[verdict]}
      className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 font-mono text-xs font-medium", styles[verdict], className)}
      {...props}
    >
      <Icon aria-hidden className="size-3" />
      {verdict}
    </span>
  );
}
