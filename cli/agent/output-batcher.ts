import { randomUUID } from "node:crypto";
import type { LogsBatch, MetricsBatch, OutboxEntry } from "./outbox";
import { parseMetricLine, type MetricPoint } from "./metric-line";

export type LogLine = LogsBatch["lines"][number];
export type Stream = "stdout" | "stderr";

export interface BatcherOptions {
  flushMs?: number;
  maxLines?: number;
  /** Stays well under the server's request body limit (~4 MB) even with JSON escaping. */
  maxBytes?: number;
  now?: () => number;
}

export const TAIL_LINES = 20;
/** Tail lines are cut short: 20 full 64 KiB lines would overflow the `finished` request's body limit. */
export const TAIL_LINE_CHARS = 2_000;

/**
 * Collects a job's output lines (and the metric points printed among them) into batches: one is cut
 * every `flushMs` or as soon as it reaches `maxLines` lines or `maxBytes`, whichever comes first.
 */
export class OutputBatcher {
  private lines: LogLine[] = [];
  private points: MetricPoint[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tailLines: string[] = [];
  private readonly flushMs: number;
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly push: (entry: OutboxEntry) => void,
    options: BatcherOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 300;
    this.maxLines = options.maxLines ?? 1000;
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  add(stream: Stream, text: string): void {
    const timestamp = this.now();
    // Measured as JSON, since control characters grow sixfold when escaped.
    const size = Buffer.byteLength(JSON.stringify(text)) + 48;
    if (this.bytes + size > this.maxBytes) this.flushLines();
    this.lines.push({ stream, text, timestamp });
    this.bytes += size;
    this.tailLines.push(text.length > TAIL_LINE_CHARS ? `${text.slice(0, TAIL_LINE_CHARS)}…` : text);
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift();
    const point = parseMetricLine(text, timestamp);
    if (point) this.points.push(point);
    if (this.lines.length >= this.maxLines) this.flushLines();
    if (this.points.length >= this.maxLines) this.flushPoints();
    if (this.lines.length + this.points.length > 0) this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** The last lines of output, for the `finished` report. */
  tail(): string[] {
    return [...this.tailLines];
  }

  flush(): void {
    this.flushLines();
    this.flushPoints();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushLines(): void {
    if (this.lines.length === 0) return;
    this.push({ kind: "logs", body: { lines: this.lines }, idempotencyKey: randomUUID() });
    this.lines = [];
    this.bytes = 0;
  }

  private flushPoints(): void {
    if (this.points.length === 0) return;
    // A fresh key per batch, fixed from here on: a retry of this very batch is then a no-op on the server.
    const body: MetricsBatch = { points: this.points, idempotency_key: randomUUID() };
    this.push({ kind: "metrics", body });
    this.points = [];
  }
}
