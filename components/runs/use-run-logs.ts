"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPCClient } from "../trpc/client";
import type { LogLine } from "./types";

export const LOG_PAGE = 2000;
/** Lines kept in memory; beyond this the oldest are dropped (the panel says so). */
export const MAX_LOG_LINES = 50_000;
export const FOLLOW_POLL_MS = 1500;

export interface RunLogs {
  lines: LogLine[];
  /** Lines dropped from the front to stay under MAX_LOG_LINES. */
  dropped: number;
  /** The last page came back short: nothing newer was there when it was read. */
  caughtUp: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}

/**
 * A run's log read forward from the start in pages (`runs.logs` pages by `after`). Following polls
 * for lines after the newest one and, while pages come back full, fetches the next at once.
 */
export function useRunLogs(runId: string, follow: boolean): RunLogs {
  const client = useTRPCClient();
  const [state, setState] = useState({ lines: [] as LogLine[], dropped: 0, caughtUp: false, loading: true, error: null as string | null });
  const after = useRef(0);
  const inFlight = useRef(false);

  const loadMore = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState((s) => ({ ...s, loading: true }));
    try {
      const page = await client.runs.logs.query({ runId, after: after.current, limit: LOG_PAGE });
      after.current = page.nextAfter;
      setState((s) => {
        const all = page.lines.length ? s.lines.concat(page.lines) : s.lines;
        const excess = Math.max(0, all.length - MAX_LOG_LINES);
        return {
          lines: excess ? all.slice(excess) : all,
          dropped: s.dropped + excess,
          caughtUp: page.lines.length < LOG_PAGE,
          loading: false,
          error: null,
        };
      });
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : "Could not load logs" }));
    } finally {
      inFlight.current = false;
    }
  }, [client, runId]);

  useEffect(() => {
    void loadMore();
  }, [loadMore]);

  // Catch up without waiting for the poll when a page came back full.
  const { caughtUp, loading, lines } = state;
  useEffect(() => {
    if (follow && !caughtUp && !loading) void loadMore();
  }, [follow, caughtUp, loading, lines.length, loadMore]);

  useEffect(() => {
    if (!follow) return;
    const timer = setInterval(() => void loadMore(), FOLLOW_POLL_MS);
    return () => clearInterval(timer);
  }, [follow, loadMore]);

  // Reads once more when following stops (the run ended), so lines written after the last poll
  // show; and again a poll later, in case a read was already in flight and this one was skipped.
  const wasFollowing = useRef(follow);
  useEffect(() => {
    const stopped = wasFollowing.current && !follow;
    wasFollowing.current = follow;
    if (!stopped) return;
    void loadMore();
    const timer = setTimeout(() => void loadMore(), FOLLOW_POLL_MS);
    return () => clearTimeout(timer);
  }, [follow, loadMore]);

  return { ...state, loadMore: () => void loadMore() };
}
