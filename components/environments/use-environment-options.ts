"use client";

import { skipToken, useQueries, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { versionSelector } from "./format";

export interface EnvironmentOption {
  /** What the job submits: `name@version`. */
  selector: string;
  version: number;
  pinned: boolean;
  latest: boolean;
}

export interface EnvironmentOptionGroup {
  name: string;
  versions: EnvironmentOption[];
}

/**
 * Every version of the project's environments for a picker, grouped by environment, newest first.
 * Until an environment's history arrives its latest version stands in for it.
 */
export function useEnvironmentOptions(projectId: string, enabled: boolean) {
  const trpc = useTRPC();
  const list = useQuery(trpc.environments.list.queryOptions(enabled ? { projectId } : skipToken));
  const histories = useQueries({
    queries: (list.data ?? []).map((env) => trpc.environments.versions.queryOptions({ projectId, name: env.name })),
  });
  const groups: EnvironmentOptionGroup[] = (list.data ?? []).map((env, i) => {
    const versions = histories[i]?.data ?? (env.latest ? [env.latest] : []);
    return {
      name: env.name,
      versions: versions.map((v, j) => ({ selector: versionSelector(env.name, v.version), version: v.version, pinned: v.pinned, latest: j === 0 })),
    };
  });
  return {
    groups: groups.filter((g) => g.versions.length > 0),
    isPending: enabled && list.isPending,
    error: list.error ?? histories.find((h) => h.error)?.error ?? null,
  };
}
