"use client";

import { useReviewQueue } from "./use-review-queue";

/** The number of requests waiting for the viewer's review, in the top navigation; nothing at zero. */
export function ReviewCountBadge() {
  const count = useReviewQueue().data?.length ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span data-testid="review-count" className="ml-1.5 inline-flex min-w-5 justify-center rounded-full bg-primary px-1.5 text-xs font-medium tabular-nums text-primary-foreground">
        {count >= 200 ? "200+" : count}
      </span>
      <span className="sr-only"> waiting for your review</span>
    </>
  );
}
