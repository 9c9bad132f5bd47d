/** A target is online while its agent heartbeats; past this it is shown offline and its jobs are lost. */
export const HEARTBEAT_TIMEOUT_MS = Number(process.env.TRAINYARD_HEARTBEAT_TIMEOUT_MS) || 30_000;

export function targetStatus(t: { lastHeartbeatAt: Date | null }, now = Date.now()): "online" | "offline" | "never_seen" {
  if (!t.lastHeartbeatAt) return "never_seen";
  return now - t.lastHeartbeatAt.getTime() <= HEARTBEAT_TIMEOUT_MS ? "online" : "offline";
}
