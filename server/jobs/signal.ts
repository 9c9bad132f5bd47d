import { EventEmitter } from "node:events";

// Wakes an agent's waiting claim as soon as work may be available (a submit, a job ending, a
// cancel), so an idle agent starts a new job within milliseconds instead of at its next poll.
// It is a hint within one server process; claims also re-check on a timer, which covers jobs
// submitted through another server process.
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function notifyQueueChanged(): void {
  emitter.emit("changed");
}

/** Resolves on the next change, after ms, or when the signal aborts, whichever comes first. */
export function queueChangedOrTimeout(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off("changed", done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter.on("changed", done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
