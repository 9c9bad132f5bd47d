"use client";

import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/** Wait this long before showing progress, so quick loads and live polls do not flicker. */
const SHOW_AFTER_MS = 800;

/**
 * "Loading panels: 3 of 5 done" while the page's queries take a while. The count of queries that
 * started in this burst grows as panels come into view; it resets once everything has arrived.
 */
export function FetchProgress() {
  const fetching = useIsFetching();
  const [peak, setPeak] = useState(0);
  const [visible, setVisible] = useState(false);
  // Adjusting state while rendering (not in an effect) keeps the count in step with `fetching`.
  if (fetching > peak) setPeak(fetching);
  if (fetching === 0 && peak !== 0) setPeak(0);
  const busy = fetching > 0;
  useEffect(() => {
    if (!busy) return;
    const show = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => {
      clearTimeout(show);
      setVisible(false);
    };
  }, [busy]);
  if (!visible || fetching === 0) return null;
  const done = Math.max(0, peak - fetching);
  return (
    <div role="status" className="flex items-center gap-2 text-xs text-muted-foreground">
      <progress max={peak} value={done} aria-label="Loading panels" className="h-1.5 w-24 accent-primary" />
      Loading: {done} of {peak} done
    </div>
  );
}
