import { open, type FileHandle } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import type { LogsBody, MetricsBatchBody } from "../../server/http/contracts/tracking";
import { errorMessage, isRetryable } from "../http/errors";
import { backoffDelay, OutageReporter } from "../http/retry";
import type { Logger } from "../logger";

export type LogsBatch = z.input<typeof LogsBody>;
/** The idempotency key is required here: it is what makes a retried batch harmless. */
export type MetricsBatch = z.input<typeof MetricsBatchBody> & { idempotency_key: string };

/**
 * Log batches carry their key beside the body (LogsBody is strict); it travels as an Idempotency-Key
 * header that a server may use to ignore a retried batch.
 */
export type OutboxEntry = { kind: "logs"; body: LogsBatch; idempotencyKey: string } | { kind: "metrics"; body: MetricsBatch };

/** Sends one entry; throws an ApiError/NetworkError that says whether trying again can help. */
export type Deliver = (entry: OutboxEntry, signal: AbortSignal) => Promise<void>;

export interface OutboxOptions {
  /** The append-only spool: one JSON line per entry, then one per acknowledgement or drop. */
  file: string;
  deliver: Deliver;
  logger: Logger;
  /** Names the job in log messages. */
  label: string;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  seq: number;
  written: Promise<void>;
  /** Kept in memory until the spool holds it, and for good when the disk cannot. */
  entry?: OutboxEntry;
  offset?: number;
  length?: number;
}

/**
 * Delivers a job's log and metric batches in order, one at a time. Each batch is written to the spool
 * before it is sent and read back from there, so memory stays flat however long the server is down;
 * transient failures are retried with capped backoff for as long as it takes, and a batch the server
 * refuses for good (a 4xx other than 408/429) is logged and dropped so it cannot block the rest.
 */
export class Outbox {
  private readonly queue: Pending[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private readonly outage: OutageReporter;
  private writes: Promise<void> = Promise.resolve();
  private fileSize: number;
  private diskFailed = false;
  private nextSeq = 1;
  private pumping: Promise<void> = Promise.resolve();
  private running = false;
  private closed = false;
  delivered = 0;
  dropped = 0;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
    private readonly options: OutboxOptions,
  ) {
    this.fileSize = size;
    this.outage = new OutageReporter(`${options.label}: sending output`, options.logger);
  }

  static async open(options: OutboxOptions): Promise<Outbox> {
    const handle = await open(options.file, "a+", 0o600);
    const { size } = await handle.stat();
    return new Outbox(handle, size, options);
  }

  /** Batches not yet acknowledged or dropped. */
  get pending(): number {
    return this.queue.length;
  }

  push(entry: OutboxEntry): void {
    if (this.closed) throw new Error("outbox is closed");
    const seq = this.nextSeq++;
    const item: Pending = { seq, entry, written: Promise.resolve() };
    item.written = this.append({ seq, ...entry }, (offset, length) => {
      item.offset = offset;
      item.length = length;
      item.entry = undefined;
    });
    this.queue.push(item);
    if (!this.running) {
      this.running = true;
      this.pumping = this.pump().catch((error: unknown) =>
        this.options.logger.error(`${this.options.label}: output delivery stopped: ${errorMessage(error)}`),
      );
    }
  }

  /** Resolves once everything pushed so far has been acknowledged or dropped. */
  drain(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops retrying; what is still queued stays in the spool file. */
  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort(new Error("outbox closed"));
    await this.pumping;
    await this.writes;
    await this.handle.close();
  }

  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closed) {
        const head = this.queue[0]!;
        await head.written;
        const entry = head.entry ?? (await this.readBack(head).catch((error: unknown) => this.unreadable(head, error)));
        const result = entry ? await this.deliverUntilAnswered(entry) : "dropped";
        if (result === "aborted") return;
        this.queue.shift();
        if (result === "acked") this.delivered++;
        else this.dropped++;
        void this.append(result === "acked" ? { ack: head.seq } : { drop: head.seq });
        if (this.queue.length === 0) this.waiters.splice(0).forEach((resolve) => resolve());
      }
    } finally {
      // Cleared with no await after the last empty-queue check, so the next push() starts a new pump.
      this.running = false;
    }
  }

  private async deliverUntilAnswered(entry: OutboxEntry): Promise<"acked" | "dropped" | "aborted"> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.deliver(entry, this.abort.signal);
        this.outage.succeeded();
        return "acked";
      } catch (error) {
        if (this.abort.signal.aborted) return "aborted";
        if (!isRetryable(error)) {
          this.outage.succeeded();
          this.options.logger.warn(`${this.options.label}: the server refused ${describe(entry)}, dropping it: ${errorMessage(error)}`);
          return "dropped";
        }
        this.outage.failed(error);
        try {
          await sleep(backoffDelay(attempt, this.options.firstDelayMs, this.options.maxDelayMs), undefined, {
            signal: this.abort.signal,
          });
        } catch {
          return "aborted";
        }
      }
    }
  }

  /** Appends one line; writes are chained so the spool keeps the order of events. */
  private append(record: object, onWritten?: (offset: number, length: number) => void): Promise<void> {
    const line = Buffer.from(JSON.stringify(record) + "\n");
    const write = this.writes.then(async () => {
      if (this.diskFailed) return;
      try {
        const { bytesWritten } = await this.handle.write(line);
        if (bytesWritten !== line.length) throw new Error(`short write (${bytesWritten} of ${line.length} bytes)`);
        onWritten?.(this.fileSize, line.length);
        this.fileSize += line.length;
      } catch (error) {
        // A full or failing disk must not lose output: from here on the outbox keeps batches in memory.
        this.diskFailed = true;
        this.options.logger.warn(`${this.options.label}: cannot write ${this.options.file} (${errorMessage(error)}); keeping output in memory`);
      }
    });
    this.writes = write;
    return write;
  }

  private unreadable(item: Pending, error: unknown): undefined {
    this.options.logger.error(`${this.options.label}: cannot read batch ${item.seq} back from ${this.options.file} (${errorMessage(error)}); skipping it`);
    return undefined;
  }

  private async readBack(item: Pending): Promise<OutboxEntry> {
    const buffer = Buffer.alloc(item.length!);
    await this.handle.read(buffer, 0, buffer.length, item.offset!);
    const { seq: _seq, ...entry } = JSON.parse(buffer.toString("utf8")) as OutboxEntry & { seq: number };
    return entry;
  }
}

function describe(entry: OutboxEntry): string {
  return entry.kind === "logs" ? `a batch of ${entry.body.lines.length} log lines` : `a batch of ${entry.body.points.length} metric points`;
}
