"use client";

import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "../ui/select";
import { columnLabel, type ColumnOption } from "./column-options";

/** A choice of param or metric-summary column, grouped. */
export function ColumnSelect({
  label,
  value,
  onChange,
  groups,
  className = "w-56",
}: {
  label: string;
  value: string | null;
  onChange: (id: string) => void;
  groups: { label: string; options: ColumnOption[] }[];
  className?: string;
}) {
  return (
    <Select value={value ?? undefined} onValueChange={onChange}>
      <SelectTrigger aria-label={label} className={className}>
        <SelectValue placeholder="Choose…">{value ? columnLabel(value) : "Choose…"}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {groups
          .filter((g) => g.options.length > 0)
          .map((g) => (
            <SelectGroup key={g.label}>
              <SelectLabel>{g.label}</SelectLabel>
              {g.options.map((o) => (
                <SelectItem key={o.id} value={o.id}>
                  {o.label}
                </SelectItem>
              ))}
            </SelectGroup>
          ))}
      </SelectContent>
    </Select>
  );
}
