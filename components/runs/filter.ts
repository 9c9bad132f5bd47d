import type { RunStatus } from "@/db/schema/enums";
import type { MetricAgg } from "./columns";
import { asNumber } from "./sort";
import type { RunRow } from "./types";

// One filter box: comma- or "and"-separated parts; `lr > 0.01` or `val/acc.max >= 0.9` compare a
// param or metric, anything else must appear in the run's name.
export const filterOps = [">=", "<=", "!=", "==", "=", ">", "<"] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Condition {
  key: string;
  op: FilterOp;
  value: string;
}

export interface ParsedQuery {
  text: string[];
  conditions: Condition[];
}

const CONDITION = /^(.+?)\s*(>=|<=|!=|==|=|>|<)\s*(.*)$/s;

export function parseQuery(q: string): ParsedQuery {
  const parsed: ParsedQuery = { text: [], conditions: [] };
  for (const raw of q.split(/,|\s+and\s+|&&/i)) {
    const part = raw.trim();
    if (!part) continue;
    const m = CONDITION.exec(part);
    if (!m) parsed.text.push(part.toLowerCase());
    // A half-typed condition ("lr >") filters nothing rather than emptying the table.
    else if (m[3]!.trim()) parsed.conditions.push({ key: m[1]!.trim(), op: m[2] as FilterOp, value: m[3]!.trim() });
  }
  return parsed;
}

export interface TagFilter {
  key: string;
  /** null: the run only needs to have the tag. */
  value: string | null;
}

/** `key=value` (split at the first "="), or a bare `key`. */
export function parseTagFilter(text: string): TagFilter | null {
  const eq = text.indexOf("=");
  const key = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (!key) return null;
  return { key, value: eq < 0 ? null : text.slice(eq + 1).trim() };
}

export const formatTagFilter = (t: TagFilter) => (t.value === null ? t.key : `${t.key}=${t.value}`);

/** A param by exact key, else a metric's last value, else `<metric>.last|min|max`. */
function lookup(run: RunRow, key: string): string | number | null {
  if (key in run.params) return run.params[key]!;
  if (key in run.metrics) return run.metrics[key]!.last;
  const m = /^(.+)\.(last|min|max)$/.exec(key);
  if (m && m[1]! in run.metrics) return run.metrics[m[1]!]![m[2] as MetricAgg];
  return null;
}

export function matchesCondition(run: RunRow, c: Condition): boolean {
  const actual = lookup(run, c.key);
  if (actual === null) return false;
  const a = asNumber(actual);
  const b = asNumber(c.value);
  if (a !== null && b !== null && !Number.isNaN(a)) {
    switch (c.op) {
      case ">": return a > b;
      case ">=": return a >= b;
      case "<": return a < b;
      case "<=": return a <= b;
      case "!=": return a !== b;
      default: return a === b;
    }
  }
  if (c.op === "=" || c.op === "==") return String(actual) === c.value;
  if (c.op === "!=") return String(actual) !== c.value;
  return false;
}

export interface RunFilter {
  query: ParsedQuery;
  status: RunStatus | null;
  tags: TagFilter[];
}

export function matchesRun(run: RunRow, f: RunFilter): boolean {
  if (f.status && run.status !== f.status) return false;
  for (const t of f.tags) {
    if (!(t.key in run.tags)) return false;
    if (t.value !== null && run.tags[t.key] !== t.value) return false;
  }
  if (f.query.text.length) {
    const name = run.name.toLowerCase();
    if (!f.query.text.every((term) => name.includes(term))) return false;
  }
  return f.query.conditions.every((c) => matchesCondition(run, c));
}
