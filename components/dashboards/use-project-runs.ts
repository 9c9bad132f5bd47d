"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";

const LIVE_REFRESH_MS = 5000;

/**
 * The project's runs list, the one every run-based panel filters (the same query and cache as the
 * runs table and the compare view); it polls while any run is still going.
 */
export function useProjectRuns(projectId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.runs.list.queryOptions({ projectId }),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "running" || r.status === "queued") ? LIVE_REFRESH_MS : false),
  });
}
