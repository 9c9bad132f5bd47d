"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { useRunLogs } from "./use-run-logs";

const LINE_HEIGHT = 20;

/**
 * The run's stdout and stderr, one fixed-height line each (long lines scroll sideways), so only the
 * lines in view are rendered. "Follow" polls for new lines and keeps the view at the bottom;
 * scrolling up stops following. `running` is true while the run is queued or running.
 */
export function LogsPanel({ runId, running }: { runId: string; running: boolean }) {
  const [follow, setFollow] = useState(running);
  // Following starts and stops with the run (queued counts as running: its first lines must show
  // within seconds); in between the user may turn it off and on.
  const [wasRunning, setWasRunning] = useState(running);
  if (running !== wasRunning) {
    setWasRunning(running);
    setFollow(running);
  }
  const logs = useRunLogs(runId, follow);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: logs.lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });

  const count = logs.lines.length;
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [follow, count, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (follow && el && el.scrollHeight - el.scrollTop - el.clientHeight > LINE_HEIGHT * 3) setFollow(false);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant={follow ? "default" : "outline"} size="sm" aria-pressed={follow} onClick={() => setFollow((f) => !f)}>
          Follow
        </Button>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {count} lines{logs.dropped ? ` (the first ${logs.dropped} are not shown)` : ""}
          {follow ? " · following" : ""}
        </span>
        <span className="ml-auto flex items-center gap-3 text-xs text-muted-foreground">
          <span>stdout</span>
          <span className="text-destructive">stderr</span>
        </span>
      </div>
      {logs.error ? <ErrorState title="Could not load logs" error={{ message: logs.error }} /> : null}
      {count === 0 && logs.loading ? (
        <LoadingRows rows={4} label="Loading logs" />
      ) : count === 0 && !logs.error ? (
        <EmptyState title="No log lines yet" description={running ? "Lines appear here as the run writes them." : undefined} />
      ) : (
        <div
          ref={scrollRef}
          onScroll={onScroll}
          role="log"
          aria-label="Run logs"
          tabIndex={0}
          className="h-[28rem] overflow-auto rounded-lg border bg-muted/40 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <div className="min-w-max">
            <div aria-hidden style={{ height: items[0]?.start ?? 0 }} />
            {items.map((item) => {
              const line = logs.lines[item.index]!;
              const stderr = line.stream === "stderr";
              return (
                <div
                  key={line.seq}
                  data-stream={line.stream}
                  className={cn("flex whitespace-pre px-3", stderr && "bg-destructive/5 text-destructive")}
                  style={{ height: LINE_HEIGHT, lineHeight: `${LINE_HEIGHT}px` }}
                >
                  <span aria-hidden className="mr-3 inline-block w-12 shrink-0 select-none text-right text-muted-foreground">
                    {logs.dropped + item.index + 1}
                  </span>
                  {stderr ? <span className="sr-only">stderr: </span> : null}
                  <span>{line.text}</span>
                </div>
              );
            })}
            <div aria-hidden style={{ height: virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) }} />
          </div>
        </div>
      )}
      {!follow && !logs.caughtUp && count > 0 ? (
        <Button variant="outline" size="sm" className="self-start" onClick={logs.loadMore} disabled={logs.loading}>
          Load more lines
        </Button>
      ) : null}
    </div>
  );
}
