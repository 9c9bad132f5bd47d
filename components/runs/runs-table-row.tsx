"use client";

import { memo } from "react";
import { cn } from "../ui/cn";
import type { Column } from "./columns";
import { cellClass, CellContent, isNumericColumn, NameCell } from "./runs-table-cells";
import type { RunRow } from "./types";

export interface RunsTableRowProps {
  run: RunRow;
  index: number;
  columns: readonly Column[];
  selected: boolean;
  canSelectMore: boolean;
  onSelect: (runIds: string[], selected: boolean) => void;
  runHref: (runId: string) => string;
  now: number;
}

const pinned = "sticky z-[1]";

/** Memoised: scrolling mounts the rows that come into view and leaves the others alone. */
export const RunsTableRow = memo(function RunsTableRow({ run, index, columns, selected, canSelectMore, onSelect, runHref, now }: RunsTableRowProps) {
  const bg = selected ? "bg-accent" : "bg-card group-hover:bg-muted";
  return (
    <tr aria-rowindex={index + 2} className="group" data-run-id={run.id}>
      <td className={cn(cellClass, pinned, "left-0", bg)}>
        <input
          type="checkbox"
          className="size-4 accent-primary align-middle"
          aria-label={`Select ${run.name}`}
          checked={selected}
          disabled={!selected && !canSelectMore}
          onChange={(e) => onSelect([run.id], e.target.checked)}
        />
      </td>
      <td className={cn(cellClass, pinned, "left-10 border-r", bg)}>
        <NameCell run={run} href={runHref(run.id)} />
      </td>
      {columns.map((c) => (
        <td key={c.id} className={cn(cellClass, bg, isNumericColumn(c) && "text-right tabular-nums")}>
          <CellContent run={run} column={c} now={now} />
        </td>
      ))}
    </tr>
  );
});
