import type { computeTargets, SlurmConfig, SlurmStatus } from "@/db/schema";
import { deriveKey, seal, unseal } from "../../auth/encryption";
import { placementView, toNodeInfo, toPartitionInfo } from "./inventory";
import { RestdClient, SlurmError } from "./restd";

type TargetRow = typeof computeTargets.$inferSelect;

let cached: { secret: string; key: Buffer } | undefined;

/** The key that seals Slurm JWTs at rest, derived from the server secret (its own HKDF purpose). */
export function slurmKey(serverSecret: string): Buffer {
  if (cached?.secret !== serverSecret) cached = { secret: serverSecret, key: deriveKey(serverSecret, "trainyard slurm tokens") };
  return cached.key;
}

/** Sealed with the target's id as associated data, so it opens only on that row. */
export const sealSlurmToken = (serverSecret: string, targetId: string, token: string) => seal(slurmKey(serverSecret), token, targetId);

export function restdFor(target: TargetRow, serverSecret: string): RestdClient {
  const config = target.slurm;
  if (target.kind !== "slurm" || !config || !target.slurmTokenSealed) throw new SlurmError("protocol", `${target.name} is not a Slurm target`);
  let token: string;
  try {
    token = unseal(slurmKey(serverSecret), target.slurmTokenSealed, target.id);
  } catch {
    throw new SlurmError("auth", `The stored Slurm token of ${target.name} cannot be opened with this server's secret: register the token again`);
  }
  return new RestdClient({ baseUrl: config.baseUrl, apiVersion: config.apiVersion, user: config.user, token });
}

/** Reads partitions and nodes; throws a SlurmError when slurmrestd cannot be read. */
export async function readCluster(client: RestdClient, config: Pick<SlurmConfig, "partition">): Promise<SlurmStatus> {
  const [partitions, nodes] = await Promise.all([client.partitions(), client.nodes()]);
  const status: SlurmStatus = {
    checkedAt: new Date().toISOString(),
    reachable: true,
    partitions: partitions.map(toPartitionInfo),
    nodes: nodes.map(toNodeInfo),
  };
  if (!status.partitions.some((p) => p.name === config.partition)) {
    throw new SlurmError("refused", `The cluster has no partition "${config.partition}" (it has ${status.partitions.map((p) => p.name).join(", ") || "none"})`);
  }
  return status;
}

/** The target's columns after a successful read: inventory, placement view and "seen now". */
export function clusterPatch(status: SlurmStatus, config: Pick<SlurmConfig, "partition">, now = new Date()) {
  const view = placementView(status, config.partition);
  return { slurmStatus: status, gpus: view.gpus, host: view.host, lastHeartbeatAt: now };
}

/** After a failed read the inventory stays as last seen, marked unreachable with the reason. */
export function unreachablePatch(previous: SlurmStatus | null, error: unknown): { slurmStatus: SlurmStatus } {
  const message = error instanceof SlurmError ? error.message : "slurmrestd could not be read";
  return {
    slurmStatus: {
      checkedAt: new Date().toISOString(),
      reachable: false,
      error: message,
      partitions: previous?.partitions ?? [],
      nodes: previous?.nodes ?? [],
    },
  };
}
