import { EventEmitter } from "node:events";

// Wakes this process's delivery loop at once (a redelivery, an event after its transaction
// committed) instead of at its next tick. A hint only: the loop also polls, which covers deliveries
// queued by another server process.
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function wakeWebhookDelivery(): void {
  emitter.emit("wake");
}

export function onWebhookWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
