/** A target is online while its agent heartbeats; past this it is shown offline and its jobs are lost. */
export const HEARTBEAT_TIMEOUT_MS = Number(process.env.TRAINYARD_HEARTBEAT_TIMEOUT_MS) || 30_000;

/** A Slurm target's "heartbeat" is the dispatcher's last good read of slurmrestd; a failed read is offline at once. */
export function targetStatus(
  t: { lastHeartbeatAt: Date | null; slurmStatus?: { reachable: boolean } | null },
  now = Date.now(),
): "online" | "offline" | "never_seen" {
  if (!t.lastHeartbeatAt) return "never_seen";
  if (t.slurmStatus && !t.slurmStatus.reachable) return "offline";
  return now - t.lastHeartbeatAt.getTime() <= HEARTBEAT_TIMEOUT_MS ? "online" : "offline";
}
