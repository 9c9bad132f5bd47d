"use client";

import { useDeferredValue, useMemo } from "react";
import { type Column, parseColumnId } from "./columns";
import { matchesRun, parseQuery, type TagFilter } from "./filter";
import { collectKeys, defaultColumnIds, type ProjectKeys } from "./keys";
import { type SortDir, sortRuns } from "./sort";
import type { RunRow } from "./types";
import type { RunStatus } from "@/db/schema/enums";

export interface RunsModelInput {
  q: string;
  status: RunStatus | null;
  tags: TagFilter[];
  sort: { column: string; dir: SortDir } | null;
  columns: string[] | null;
}

export interface RunsModel<R extends RunRow> {
  keys: ProjectKeys;
  columns: Column[];
  visibleIds: string[];
  rows: R[];
}

/**
 * Filters, sorts and picks columns for the table. Filtering is deferred so typing in the filter box
 * stays responsive with 10,000 runs; `now` (the data's fetch time) sorts running durations.
 */
export function useRunsModel<R extends RunRow>(runs: readonly R[], view: RunsModelInput, now: number): RunsModel<R> {
  const keys = useMemo(() => collectKeys(runs), [runs]);
  const visibleIds = useMemo(() => view.columns ?? defaultColumnIds(keys), [view.columns, keys]);
  const columns = useMemo(() => visibleIds.flatMap((id) => parseColumnId(id) ?? []).filter((c) => c.kind !== "name"), [visibleIds]);

  const q = useDeferredValue(view.q);
  const { status, tags, sort } = view;
  const filtered = useMemo(() => {
    const filter = { query: parseQuery(q), status, tags };
    return runs.filter((run) => matchesRun(run, filter));
  }, [runs, q, status, tags]);

  const sortId = sort?.column ?? null;
  const sortColumn = useMemo(() => (sortId ? parseColumnId(sortId) : null), [sortId]);
  const dir = sort?.dir ?? "asc";
  const rows = useMemo(() => (sortColumn ? sortRuns(filtered, sortColumn, dir, now) : filtered), [filtered, sortColumn, dir, now]);
  return { keys, columns, visibleIds, rows };
}
