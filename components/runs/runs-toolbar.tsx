"use client";

import { Search, Tag, X } from "lucide-react";
import { useState } from "react";
import { type RunStatus, runStatuses } from "@/db/schema/enums";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { formatTagFilter, parseTagFilter, type TagFilter } from "./filter";
import { statusLabel } from "./run-status-badge";

export interface RunsFilters {
  q: string;
  status: RunStatus | null;
  tags: TagFilter[];
}

const ALL = "all";

/**
 * The filter controls. Text boxes keep their own text (the URL gets the parsed value) so that a
 * half-typed "env=" or a trailing comma is not rewritten under the cursor.
 */
export function RunsToolbar({
  filters,
  onChange,
  children,
}: {
  filters: RunsFilters;
  onChange: (next: Partial<RunsFilters>) => void;
  children?: React.ReactNode;
}) {
  const [q, setQ] = useState(filters.q);
  const [tags, setTags] = useState(() => filters.tags.map(formatTagFilter).join(", "));
  const active = Boolean(filters.q || filters.status || filters.tags.length);

  return (
    <div role="search" aria-label="Filter runs" className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-64 flex-1">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" />
        <Input
          aria-label="Filter by name or condition"
          title="A name, or conditions such as lr > 0.01, val/acc.max >= 0.9 (separate with commas)"
          placeholder="Name, or lr > 0.01, val/acc >= 0.9"
          className="pl-8"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            onChange({ q: e.target.value });
          }}
        />
      </div>
      <div className="relative w-56">
        <Tag aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" />
        <Input
          aria-label="Filter by tags"
          placeholder="Tags: env=prod, owner"
          className="pl-8"
          value={tags}
          onChange={(e) => {
            setTags(e.target.value);
            onChange({ tags: e.target.value.split(",").flatMap((t) => parseTagFilter(t) ?? []) });
          }}
        />
      </div>
      <Select value={filters.status ?? ALL} onValueChange={(v) => onChange({ status: v === ALL ? null : (v as RunStatus) })}>
        <SelectTrigger aria-label="Status" className="w-40">
          {/* Spelled out so the server render shows it too; Radix fills an empty Value only once mounted. */}
          <SelectValue>{filters.status ? statusLabel(filters.status) : "All statuses"}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All statuses</SelectItem>
          {runStatuses.map((s) => (
            <SelectItem key={s} value={s}>
              {statusLabel(s)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {active ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ("");
            setTags("");
            onChange({ q: "", status: null, tags: [] });
          }}
        >
          <X aria-hidden /> Clear filters
        </Button>
      ) : null}
      {children}
    </div>
  );
}
