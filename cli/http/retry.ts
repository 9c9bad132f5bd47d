import { setTimeout as sleep } from "node:timers/promises";
import { errorMessage, isRetryable } from "./errors";

export const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 5_000;

/** 250 ms, 500 ms, 1 s, … capped at 5 s: quick after a blip, gentle on a server that is down. */
export function backoffDelay(attempt: number, first = FIRST_DELAY_MS, max = MAX_DELAY_MS): number {
  return Math.min(max, first * 2 ** Math.min(attempt, 20));
}

/** Waits `ms`, or less if the signal aborts first; never throws. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its signal.
  }
}

export interface RetryOptions {
  signal?: AbortSignal;
  /** Called before each wait, with the error that caused it. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Runs `attempt` until it succeeds or fails for a reason that waiting will not fix. */
export async function retryTransient<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryable(error) || options.signal?.aborted) throw error;
      const delay = backoffDelay(n, options.firstDelayMs, options.maxDelayMs);
      options.onRetry?.(error, n, delay);
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}

/** Logs an outage once when it starts and once when it ends, instead of on every retry. */
export class OutageReporter {
  private down = false;

  constructor(
    private readonly what: string,
    private readonly log: { warn(m: string): void; info(m: string): void },
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn(`${this.what}: ${errorMessage(error)}; retrying`);
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info(`${this.what}: server reachable again`);
  }
}
