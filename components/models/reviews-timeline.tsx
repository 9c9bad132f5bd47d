import { CircleCheck, CircleX, GitPullRequestArrow } from "lucide-react";
import { DateTime } from "../audit/date-time";
import type { PromotionDetails } from "./types";

/** The request's story: opened, each review with its comment, and how it closed. */
export function ReviewsTimeline({ promotion }: { promotion: PromotionDetails }) {
  return (
    <ol aria-label="Reviews" className="flex flex-col gap-3 border-l pl-4">
      <li className="relative text-sm">
        <GitPullRequestArrow className="absolute -left-6 top-0.5 size-4 rounded-full bg-background text-muted-foreground" aria-hidden />
        <span className="font-medium">{promotion.requestedBy?.name ?? "A former member"}</span> requested{" "}
        <span className="font-mono">
          v{promotion.version.version} → {promotion.alias}
        </span>{" "}
        <span className="text-muted-foreground">
          · <DateTime value={promotion.createdAt} />
        </span>
      </li>
      {promotion.reviews.map((r) => (
        <li key={r.id} className="relative text-sm" data-testid="review" data-decision={r.decision}>
          {r.decision === "approve" ? (
            <CircleCheck className="absolute -left-6 top-0.5 size-4 rounded-full bg-background text-success" aria-hidden />
          ) : (
            <CircleX className="absolute -left-6 top-0.5 size-4 rounded-full bg-background text-destructive" aria-hidden />
          )}
          <span className="font-medium">{r.reviewer?.name ?? "A former member"}</span> {r.decision === "approve" ? "approved" : "rejected"}{" "}
          <span className="text-muted-foreground">
            · <DateTime value={r.createdAt} />
          </span>
          {r.comment ? <p className="mt-1 whitespace-pre-wrap rounded-md border bg-muted/40 px-3 py-2">{r.comment}</p> : null}
        </li>
      ))}
      {promotion.closedAt && promotion.state !== "rejected" ? (
        <li className="relative text-sm text-muted-foreground">
          {promotion.state === "applied"
            ? `Applied: ${promotion.alias} moved to v${promotion.version.version}`
            : promotion.state === "cancelled"
              ? "Cancelled by the requester"
              : "Superseded by a newer request that was applied"}{" "}
          · <DateTime value={promotion.closedAt} />
        </li>
      ) : null}
    </ol>
  );
}
