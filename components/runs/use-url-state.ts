"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

interface Snapshot<T> {
  /** The query string last seen from the router. */
  seen: string;
  /** Our writes the router has not reported back yet, oldest first. */
  pending: string[];
  value: T;
}

/**
 * View state kept in the query string. The value is React state, updated at once (a checkbox
 * flips on click), and mirrored to the URL with `history.replaceState`, which Next's router
 * observes. A `router.replace` would re-render the server page and re-run its prefetch on every
 * keystroke. When the URL changes from outside (a link, back/forward), the state follows it.
 */
export function useUrlState<T>(parse: (params: URLSearchParams) => T, serialize: (value: T) => string) {
  const url = useSearchParams().toString();
  const [snapshot, setSnapshot] = useState<Snapshot<T>>(() => ({ seen: url, pending: [], value: parse(new URLSearchParams(url)) }));
  let current = snapshot;
  if (snapshot.seen !== url) {
    // Our own write arriving back keeps the value (later writes may be on their way); any other
    // URL is adopted. A render-phase update, so no frame shows the stale value.
    const mine = snapshot.pending.indexOf(url);
    current =
      mine >= 0
        ? { ...snapshot, seen: url, pending: snapshot.pending.slice(mine + 1) }
        : { seen: url, pending: [], value: parse(new URLSearchParams(url)) };
    setSnapshot(current);
  }

  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  });

  const update = useCallback(
    (next: T | ((value: T) => T)) => {
      // Two updates in one event both apply: each builds on the one before, not on the render's value.
      const prev = latest.current;
      const value = typeof next === "function" ? (next as (value: T) => T)(prev.value) : next;
      const qs = serialize(value);
      // Compared in the router's own encoding (it reports "/" as %2F, our links keep it readable).
      const normal = new URLSearchParams(qs).toString();
      const unchanged = normal === (prev.pending.at(-1) ?? prev.seen);
      latest.current = { ...prev, pending: unchanged ? prev.pending : [...prev.pending, normal], value };
      setSnapshot(latest.current);
      if (!unchanged) window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
    },
    [serialize],
  );
  return [current.value, update] as const;
}
