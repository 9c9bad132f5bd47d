"use client";

import { useSeen } from "./use-in-view";

/**
 * Renders its children once they come near the viewport, a placeholder of `minHeight` before:
 * what lies below the charts (table, scatter, parallel coordinates) does not delay them.
 */
export function WhenSeen({ minHeight, children }: { minHeight: number; children: React.ReactNode }) {
  const [ref, seen] = useSeen<HTMLDivElement>();
  return (
    <div ref={ref} style={seen ? undefined : { minHeight }}>
      {seen ? children : null}
    </div>
  );
}
