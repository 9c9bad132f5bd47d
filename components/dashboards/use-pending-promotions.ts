"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import type { PendingPromotion } from "./types";

const REFRESH_MS = 30_000;

/** A project's open promotion requests (the registry's query), as the panel reads them. */
export function usePendingPromotions(projectId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.registry.pendingPromotions.queryOptions({ projectId }),
    // Checks at compile time that the registry still answers with what the panel reads.
    select: (rows): PendingPromotion[] => rows,
    // Reviews happen elsewhere: an approved or applied request leaves the list.
    refetchInterval: REFRESH_MS,
  });
}
