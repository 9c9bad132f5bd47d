// The runs table's view state lives in the URL so that a filtered, sorted selection can be shared
// by link: `?q=lr>0.01&status=running&tag=env=prod&sort=m:last:val/acc&dir=desc&col=p:lr&runs=a,b`.
import { parseColumnId } from "@/components/runs/columns";
import { formatTagFilter, parseTagFilter, type TagFilter } from "@/components/runs/filter";
import type { SortDir } from "@/components/runs/sort";
import { type RunStatus, runStatuses } from "@/db/schema/enums";

/** A selection beyond this is not a comparison any chart can show, and would bloat the URL. */
export const MAX_SELECTED = 100;

export interface RunsView {
  q: string;
  status: RunStatus | null;
  tags: TagFilter[];
  sort: { column: string; dir: SortDir } | null;
  /** Visible column ids in order; null means the defaults for the project's keys. */
  columns: string[] | null;
  selected: string[];
}

export const emptyRunsView: RunsView = { q: "", status: null, tags: [], sort: null, columns: null, selected: [] };

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function all(input: SearchInput, key: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const v = input[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const RUN_ID = /^[\w-]{1,100}$/;

export function parseRunsView(input: SearchInput): RunsView {
  const status = all(input, "status")[0];
  const sortColumn = all(input, "sort")[0];
  const cols = all(input, "col");
  return {
    q: all(input, "q")[0] ?? "",
    status: status && (runStatuses as readonly string[]).includes(status) ? (status as RunStatus) : null,
    tags: all(input, "tag").flatMap((t) => parseTagFilter(t) ?? []),
    sort: sortColumn && parseColumnId(sortColumn) ? { column: sortColumn, dir: all(input, "dir")[0] === "desc" ? "desc" : "asc" } : null,
    // A lone empty `col=` is an explicit "no optional columns", unlike no `col` at all.
    columns: cols.length === 0 ? null : cols.filter((c) => parseColumnId(c) !== null),
    selected: [...new Set((all(input, "runs")[0] ?? "").split(",").filter((id) => RUN_ID.test(id)))].slice(0, MAX_SELECTED),
  };
}

// Keeps "/", ":" and "," readable in shared links; everything else is percent-encoded as usual.
const enc = (s: string) => encodeURIComponent(s).replace(/%2F/gi, "/").replace(/%3A/gi, ":").replace(/%2C/gi, ",");

/** The query string (without "?") for a view; defaults are left out. */
export function serializeRunsView(view: RunsView): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${enc(value)}`);
  if (view.q.trim()) add("q", view.q);
  if (view.status) add("status", view.status);
  for (const t of view.tags) add("tag", formatTagFilter(t));
  if (view.sort) {
    add("sort", view.sort.column);
    add("dir", view.sort.dir);
  }
  if (view.columns) {
    if (view.columns.length === 0) add("col", "");
    for (const c of view.columns) add("col", c);
  }
  if (view.selected.length) add("runs", view.selected.join(","));
  return parts.join("&");
}

export function runsHref(projectId: string, view: RunsView = emptyRunsView): string {
  const qs = serializeRunsView(view);
  return `/projects/${projectId}/runs${qs ? `?${qs}` : ""}`;
}

export function compareHref(projectId: string, runIds: readonly string[]): string {
  return `/projects/${projectId}/compare?runs=${runIds.join(",")}`;
}
