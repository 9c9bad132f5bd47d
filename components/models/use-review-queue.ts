"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";

/** Reviews happen in other browsers: the header's count and the queue page ask again this often. */
export const REVIEW_QUEUE_REFRESH_MS = 30_000;

/** Open requests the viewer may decide (not their own, not yet reviewed by them). */
export function useReviewQueue() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.registry.reviewQueue.queryOptions(), refetchInterval: REVIEW_QUEUE_REFRESH_MS });
}
