"use client";

import { useEffect, useRef } from "react";
import type { RunRow } from "./types";

/** Selects or clears every run the filters show; "mixed" when only some of them are selected. */
export function SelectAllCheckbox({
  rows,
  selected,
  onSelect,
  canSelectMore,
}: {
  rows: readonly RunRow[];
  selected: ReadonlySet<string>;
  onSelect: (runIds: string[], selected: boolean) => void;
  canSelectMore: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  let shown = 0;
  for (const run of rows) if (selected.has(run.id)) shown++;
  const all = rows.length > 0 && shown === rows.length;
  const some = shown > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="size-4 accent-primary align-middle"
      aria-label="Select all shown runs"
      checked={all}
      disabled={rows.length === 0 || (!all && !some && !canSelectMore)}
      onChange={() => onSelect(rows.map((r) => r.id), !(all || some))}
    />
  );
}
