"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { Check, Columns3 } from "lucide-react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "../ui/dropdown-menu";
import { fixedColumnIds, metricAggs, metricColumnId, paramColumnId, parseColumnId } from "./columns";
import type { ProjectKeys } from "./keys";

interface ToggleProps {
  id: string;
  label: string;
  checked: boolean;
  onToggle: (id: string) => void;
  className?: string;
  ariaLabel?: string;
}

function Toggle({ id, label, checked, onToggle, className, ariaLabel }: ToggleProps) {
  return (
    <Menu.CheckboxItem
      checked={checked}
      aria-label={ariaLabel}
      // Keep the menu open: choosing columns is usually several clicks.
      onSelect={(e) => {
        e.preventDefault();
        onToggle(id);
      }}
      className={cn(
        "flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-accent",
        className,
      )}
    >
      <span className="flex size-4 items-center justify-center rounded-sm border border-input">
        <Menu.ItemIndicator>
          <Check className="size-3" />
        </Menu.ItemIndicator>
      </span>
      <span className="truncate">{label}</span>
    </Menu.CheckboxItem>
  );
}

/** Which optional columns the table shows: run basics, each param, and last/min/max per metric. */
export function ColumnChooser({
  keys,
  visible,
  onChange,
  onReset,
}: {
  keys: ProjectKeys;
  visible: readonly string[];
  onChange: (ids: string[]) => void;
  onReset: () => void;
}) {
  const shown = new Set(visible);
  const toggle = (id: string) => onChange(shown.has(id) ? visible.filter((v) => v !== id) : [...visible, id]);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden /> Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="max-h-[min(32rem,var(--radix-dropdown-menu-content-available-height))] w-72 overflow-y-auto">
        <DropdownMenuLabel>Run</DropdownMenuLabel>
        {fixedColumnIds.map((id) => (
          <Toggle key={id} id={id} label={parseColumnId(id)!.label} checked={shown.has(id)} onToggle={toggle} />
        ))}
        {keys.params.length ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Params</DropdownMenuLabel>
            {keys.params.map((key) => (
              <Toggle key={key} id={paramColumnId(key)} label={key} checked={shown.has(paramColumnId(key))} onToggle={toggle} />
            ))}
          </>
        ) : null}
        {keys.metrics.length ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Metrics</DropdownMenuLabel>
            {keys.metrics.map((key) => (
              <Menu.Group key={key} aria-label={key} className="px-2 py-1">
                <p className="truncate pb-0.5 text-xs text-muted-foreground" title={key}>
                  {key}
                </p>
                <div className="grid grid-cols-3">
                  {metricAggs.map((agg) => (
                    <Toggle
                      key={agg}
                      id={metricColumnId(key, agg)}
                      label={agg}
                      checked={shown.has(metricColumnId(key, agg))}
                      onToggle={toggle}
                      ariaLabel={`${key} ${agg}`}
                      className="px-1"
                    />
                  ))}
                </div>
              </Menu.Group>
            ))}
          </>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onReset}>Reset to defaults</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
