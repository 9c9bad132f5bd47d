"use client";

import { useCallback, useState } from "react";

/**
 * Becomes true once the element comes near the viewport and stays true: a chart further down the
 * page asks for its series only when someone scrolls towards it.
 */
export function useSeen<T extends Element>(rootMargin = "100px") {
  const [seen, setSeen] = useState(false);
  const ref = useCallback(
    (node: T | null) => {
      if (!node) return;
      if (typeof IntersectionObserver === "undefined") {
        setSeen(true);
        return;
      }
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            setSeen(true);
            observer.disconnect();
          }
        },
        { rootMargin },
      );
      observer.observe(node);
      return () => observer.disconnect();
    },
    [rootMargin],
  );
  return [ref, seen] as const;
}
