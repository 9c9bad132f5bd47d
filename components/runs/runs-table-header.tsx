import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "../ui/cn";
import type { Column } from "./columns";
import type { SortDir } from "./sort";

export interface SortState {
  column: string;
  dir: SortDir;
}

/** A header cell whose button sorts by the column: ascending first, then descending. */
export function SortableHeader({
  column,
  sort,
  onSort,
  className,
  align = "left",
}: {
  column: Column;
  sort: SortState | null;
  onSort: (next: SortState) => void;
  className?: string;
  align?: "left" | "right";
}) {
  const dir = sort?.column === column.id ? sort.dir : null;
  const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <th
      scope="col"
      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
      className={cn("h-9 border-b bg-muted px-1 text-xs font-medium text-muted-foreground", className)}
    >
      <button
        type="button"
        onClick={() => onSort({ column: column.id, dir: dir === "asc" ? "desc" : "asc" })}
        title={column.label}
        className={cn(
          "flex w-full items-center gap-1 rounded px-2 py-1 hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          align === "right" && "flex-row-reverse",
          dir && "text-foreground",
        )}
      >
        <span className="truncate">{column.label}</span>
        <Icon aria-hidden className={cn("size-3.5 shrink-0", !dir && "opacity-40")} />
      </button>
    </th>
  );
}
