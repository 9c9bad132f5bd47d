"use client";

import { ListFilter } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { MAX_CHART_RUNS } from "@/server/compare/schemas";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ColumnSelect } from "./column-select";
import type { ColumnOption } from "./column-options";
import type { RunSelection } from "./select-runs";

type TopSelection = Extract<RunSelection, { mode: "top" }>;

/**
 * How the runs were chosen: picked in the runs table (with a way back to change the pick), or
 * "top N by a column" over the runs matching a filter, the same filter language as the runs table.
 */
export function RunSelectionBar({
  selection,
  summary,
  runsTableHref,
  sortOptions,
  onChange,
}: {
  selection: RunSelection;
  summary: string;
  runsTableHref: string;
  sortOptions: { label: string; options: ColumnOption[] }[];
  onChange: (selection: TopSelection) => void;
}) {
  const [q, setQ] = useState(selection.mode === "top" ? selection.q : "");
  const [editing, setEditing] = useState(selection.mode === "top");
  const top: TopSelection = selection.mode === "top" ? selection : { mode: "top", q, top: 20, by: "started", dir: "desc" };
  const change = (next: Partial<TopSelection>) => onChange({ ...top, q, ...next });

  return (
    <div className="flex flex-col gap-2 rounded-lg border bg-card p-3">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm font-medium" aria-live="polite" data-testid="compare-summary">
          {summary}
        </p>
        {selection.mode === "picked" ? (
          <>
            <span className="text-sm text-muted-foreground">picked in the runs table</span>
            <Button asChild variant="link" size="sm" className="px-0">
              <Link href={runsTableHref}>Change the pick</Link>
            </Button>
            {!editing ? (
              <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
                <ListFilter aria-hidden /> Select by filter
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      {editing ? (
        <div role="group" aria-label="Select runs by filter" className="flex flex-wrap items-center gap-2 text-sm">
          <span>Top</span>
          <Input
            aria-label="Number of runs"
            type="number"
            min={1}
            max={MAX_CHART_RUNS}
            className="w-20"
            value={top.top}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n) && n >= 1) change({ top: Math.min(MAX_CHART_RUNS, n) });
            }}
          />
          <span>by</span>
          <ColumnSelect
            label="Sort runs by"
            value={top.by}
            onChange={(by) => change({ by, dir: by === "started" ? "desc" : top.dir })}
            groups={sortOptions}
          />
          <Select value={top.dir} onValueChange={(dir) => change({ dir: dir as TopSelection["dir"] })}>
            <SelectTrigger aria-label="Order" className="w-36">
              <SelectValue>{top.dir === "desc" ? "highest first" : "lowest first"}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="desc">highest first</SelectItem>
              <SelectItem value="asc">lowest first</SelectItem>
            </SelectContent>
          </Select>
          <span>where</span>
          <Input
            aria-label="Filter runs"
            title="A name, or conditions such as lr > 0.01, val/acc.max >= 0.9 (separate with commas)"
            placeholder="lr > 0.01, val/acc >= 0.9"
            className="w-64"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              change({ q: e.target.value });
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
