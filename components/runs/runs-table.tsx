"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { cn } from "../ui/cn";
import { type Column, columnWidth, NAME_COLUMN } from "./columns";
import { isNumericColumn } from "./runs-table-cells";
import { SortableHeader, type SortState } from "./runs-table-header";
import { RunsTableRow } from "./runs-table-row";
import { SelectAllCheckbox } from "./select-all-checkbox";
import type { RunRow } from "./types";

const ROW_HEIGHT = 40;
const SELECT_WIDTH = 40;

export interface RunsTableProps<R extends RunRow> {
  rows: readonly R[];
  columns: readonly Column[];
  sort: SortState | null;
  onSort: (next: SortState) => void;
  selected: ReadonlySet<string>;
  onSelect: (runIds: string[], selected: boolean) => void;
  /** When false, unselected rows cannot be added (the selection is at its cap). */
  canSelectMore: boolean;
  runHref: (runId: string) => string;
  now: number;
}

/**
 * Only the rows in view (plus a few) are in the DOM: rows have one fixed height, and spacer rows
 * above and below stand in for the rest, so 10,000 runs scroll like 20. The header is sticky and
 * the select and name columns stay pinned while wide tables scroll sideways.
 */
export function RunsTable<R extends RunRow>(props: RunsTableProps<R>) {
  const { rows, columns, sort, onSort, selected, onSelect, canSelectMore, runHref, now } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Lets the server render the first screen of rows before the browser has measured anything.
    initialRect: { width: 1200, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const width = SELECT_WIDTH + columnWidth(NAME_COLUMN) + columns.reduce((sum, c) => sum + columnWidth(c), 0);
  const span = columns.length + 2;
  const pinned = "sticky z-[1]";

  return (
    <div ref={scrollRef} className="max-h-[max(24rem,calc(100vh-17rem))] overflow-auto rounded-lg border bg-card" data-testid="runs-scroll">
      <table aria-label="Runs" aria-rowcount={rows.length + 1} className="table-fixed border-separate border-spacing-0 text-sm" style={{ width }}>
        <colgroup>
          <col style={{ width: SELECT_WIDTH }} />
          <col style={{ width: columnWidth(NAME_COLUMN) }} />
          {columns.map((c) => (
            <col key={c.id} style={{ width: columnWidth(c) }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-[2]">
          <tr aria-rowindex={1}>
            <th scope="col" className={cn(pinned, "left-0 border-b bg-muted px-3")}>
              <SelectAllCheckbox rows={rows} selected={selected} onSelect={onSelect} canSelectMore={canSelectMore} />
            </th>
            <SortableHeader column={NAME_COLUMN} sort={sort} onSort={onSort} className={cn(pinned, "left-10 border-r")} />
            {columns.map((c) => (
              <SortableHeader key={c.id} column={c} sort={sort} onSort={onSort} align={isNumericColumn(c) ? "right" : "left"} />
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr aria-hidden style={{ height: padTop }}><td colSpan={span} /></tr> : null}
          {items.map((item) => {
            const run = rows[item.index]!;
            return (
              <RunsTableRow
                key={run.id}
                run={run}
                index={item.index}
                columns={columns}
                selected={selected.has(run.id)}
                canSelectMore={canSelectMore}
                onSelect={onSelect}
                runHref={runHref}
                now={now}
              />
            );
          })}
          {padBottom > 0 ? <tr aria-hidden style={{ height: padBottom }}><td colSpan={span} /></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
