import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

/** A lock nobody has refreshed for this long belongs to a dead agent (on another host, or a reused pid). */
export const STALE_LOCK_MS = 10 * 60_000;
const REFRESH_MS = 30_000;
const POLL_MS = 500;

export interface HeldLock {
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

/**
 * A lock shared by every agent on this host (and on hosts sharing the work folder): `mkdir` is
 * atomic. The holder refreshes the folder's time while it builds, so a lock untouched for
 * `staleMs`, or one whose owner process on this host is gone, is taken over.
 */
export async function acquireLock(
  dir: string,
  options: { signal: AbortSignal; onWait?: (owner: string) => void; staleMs?: number; pollMs?: number },
): Promise<HeldLock> {
  const staleMs = options.staleMs ?? STALE_LOCK_MS;
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomUUID() };
  let waited = false;
  for (;;) {
    options.signal.throwIfAborted();
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, "owner.json"), JSON.stringify(owner));
      return held(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readOwner(dir);
    if (await isStale(dir, holder, staleMs)) {
      // Rename, then delete: of several agents taking over at once, one rename wins, the rest retry.
      const grave = `${dir}.stale-${owner.token}`;
      try {
        await rename(dir, grave);
        await rm(grave, { recursive: true, force: true });
      } catch {
        // another agent took it over first
      }
      continue;
    }
    if (!waited) {
      waited = true;
      options.onWait?.(holder ? `pid ${holder.pid} on ${holder.host}` : "another agent");
    }
    await sleep(options.pollMs ?? POLL_MS, options.signal);
  }
}

function held(dir: string): HeldLock {
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(dir, now, now).catch(() => {});
  }, REFRESH_MS);
  refresh.unref();
  return {
    release: async () => {
      clearInterval(refresh);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readOwner(dir: string): Promise<Owner | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, "owner.json"), "utf8")) as Owner;
  } catch {
    return null;
  }
}

async function isStale(dir: string, holder: Owner | null, staleMs: number): Promise<boolean> {
  let modified: number;
  try {
    modified = (await stat(dir)).mtimeMs;
  } catch {
    return false; // released meanwhile: just try again
  }
  if (Date.now() - modified > staleMs) return true;
  if (holder && holder.host === hostname() && holder.pid !== process.pid) return !processAlive(holder.pid);
  return false;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
