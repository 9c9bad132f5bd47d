"use client";

import { useId, useRef } from "react";
import { cn } from "../ui/cn";

export interface TabItem<T extends string> {
  id: T;
  label: string;
  count?: number;
}

/**
 * WAI-ARIA tabs: arrow keys, Home and End move between tabs, only the selected one is in the tab
 * order. Only the selected panel is rendered, so hidden sections do not poll.
 */
export function RunTabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  value: T;
  onChange: (tab: T) => void;
  children: React.ReactNode;
}) {
  const base = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const focus = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length]!;
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  const current = tabs.findIndex((t) => t.id === value);

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div
        role="tablist"
        aria-label={label}
        className="flex gap-1 overflow-x-auto border-b"
        onKeyDown={(e) => {
          const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 };
          const next = moves[e.key];
          if (next === undefined) return;
          e.preventDefault();
          focus(next);
        }}
      >
        {tabs.map((tab) => {
          const selected = tab.id === value;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) refs.current.set(tab.id, node);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(tab.id)}
              className={cn(
                "relative -mb-px flex items-center gap-1.5 rounded-t-md px-3 pb-2 pt-1 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                selected && "font-medium text-foreground after:absolute after:inset-x-2 after:bottom-0 after:h-0.5 after:rounded-full after:bg-primary",
              )}
            >
              {tab.label}
              {tab.count !== undefined ? <span className="rounded-full bg-muted px-1.5 text-xs tabular-nums text-muted-foreground">{tab.count}</span> : null}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${base}-panel-${value}`} aria-labelledby={`${base}-tab-${value}`} className="min-w-0">
        {children}
      </div>
    </div>
  );
}
