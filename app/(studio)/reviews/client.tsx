"use client";

import { ReviewQueueTable } from "@/components/models/review-queue-table";
import { useReviewQueue } from "@/components/models/use-review-queue";
import { ErrorState, LoadingRows } from "@/components/ui/states";

export function ReviewsClient() {
  const queue = useReviewQueue();
  return (
    <section aria-labelledby="reviews-heading" className="flex flex-col gap-4">
      <div>
        <h1 id="reviews-heading" className="text-2xl font-semibold">
          Reviews
        </h1>
        <p className="text-sm text-muted-foreground">Model promotion requests waiting for your decision, across your teams.</p>
      </div>
      {queue.isPending ? (
        <LoadingRows label="Loading the review queue" />
      ) : queue.isError ? (
        <ErrorState title="Could not load the review queue" error={queue.error} />
      ) : (
        // The fetch time, not Date.now(): server render and hydration agree on the ages.
        <ReviewQueueTable items={queue.data} now={queue.dataUpdatedAt} />
      )}
    </section>
  );
}
