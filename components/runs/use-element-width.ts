"use client";

import { useCallback, useState } from "react";

/** The element's content width, tracked with a ResizeObserver; 0 until it has been measured. */
export function useElementWidth<T extends HTMLElement>() {
  const [width, setWidth] = useState(0);
  const ref = useCallback((node: T | null) => {
    if (!node) return;
    setWidth(node.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(node);
    // React 19 runs a ref callback's returned function when the node goes away.
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
