"use client";

import { useEffect, useState } from "react";
import { Skeleton } from "../ui/states";

/** How long a panel may load before it says it is still at it. */
const SLOW_MS = 2000;

/** A panel's loading state: a skeleton, then after a moment a line that says it is still loading. */
export function PanelLoading({ label }: { label: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div role="status" aria-label={label} className="flex h-full min-h-24 flex-col gap-2">
      <Skeleton className="min-h-16 w-full flex-1" />
      {slow ? <p className="text-xs text-muted-foreground">{label}, still working…</p> : null}
    </div>
  );
}

/** A short line under a panel's content: what it shows and what it leaves out. */
export function PanelCaption({ children }: { children: React.ReactNode }) {
  return <p className="text-xs text-muted-foreground">{children}</p>;
}
