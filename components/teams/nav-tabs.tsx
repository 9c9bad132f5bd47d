"use client";

import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";
import { HoverPrefetchLink } from "../ui/hover-prefetch-link";

export interface NavTab {
  href: string;
  label: string;
  /** Also current on pages below the tab's own (the Runs tab on a run's page). */
  matchNested?: boolean;
}

/**
 * Section tabs under a page title (team and project pages). The active marker is a pseudo-element
 * with a background rather than a border colour, so the global border reset cannot hide it.
 */
export function NavTabs({ label, tabs }: { label: string; tabs: NavTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mb-px flex gap-1 overflow-x-auto">
      {tabs.map((tab) => {
        const exact = pathname === tab.href;
        const current = exact || (tab.matchNested === true && pathname.startsWith(`${tab.href}/`));
        return (
          <HoverPrefetchLink
            key={tab.href}
            href={tab.href}
            aria-current={exact ? "page" : current ? "true" : undefined}
            className={cn(
              "relative rounded-t-md px-3 pb-2.5 pt-1 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              current && "font-medium text-foreground after:absolute after:inset-x-2 after:bottom-0 after:h-0.5 after:rounded-full after:bg-primary",
            )}
          >
            {tab.label}
          </HoverPrefetchLink>
        );
      })}
    </nav>
  );
}
