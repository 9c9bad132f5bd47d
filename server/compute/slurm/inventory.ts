import type { GpuInventoryItem, HostInfo, SlurmNodeInfo, SlurmPartitionInfo, SlurmStatus } from "@/db/schema";
import type { SlurmNode, SlurmPartition } from "./restd";

// Pure readings of what slurmrestd reports: GPU GRES per node, health, and the inventory that
// placement sees. No I/O here.

/** `gpu:a100:4(S:0-1)`, `gpu:2`, `gpu:fake:1(IDX:0)`, several comma-separated: the GPU entries. */
export function parseGres(gres: string): { type: string; count: number; indices: number[] }[] {
  const out: { type: string; count: number; indices: number[] }[] = [];
  // Commas also appear inside "(IDX:0,2)": split only on those followed by a new name.
  for (const entry of gres.split(/,(?=[a-z_]+:)/i)) {
    const m = /^gpu(?::([^:(]+))?:(\d+)(?:\((.*)\))?$/.exec(entry.trim());
    if (!m) continue;
    const [, type = "gpu", count, detail = ""] = m;
    out.push({ type, count: Number(count), indices: parseIndices(/IDX:([^)]*)/.exec(detail)?.[1] ?? "") });
  }
  return out;
}

/** "0-2,5" → [0,1,2,5]; "N/A" → []. */
export function parseIndices(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= to && i - from < 1024; i++) out.push(i);
  }
  return out;
}

const BAD_NODE_STATES = ["DOWN", "DRAIN", "DRAINED", "DRAINING", "FAIL", "FAILING", "INVAL", "NOT_RESPONDING", "UNKNOWN", "FUTURE", "POWERED_DOWN"];

/** Slurm's state words for a node, upper case: base state first, then flags. */
export function nodeStateWords(node: Pick<SlurmNodeInfo, "state">): string[] {
  return node.state.toUpperCase().split(/[+\s]+/).filter(Boolean);
}

export function nodeIsUp(node: Pick<SlurmNodeInfo, "state">): boolean {
  return !nodeStateWords(node).some((w) => BAD_NODE_STATES.includes(w));
}

export function toNodeInfo(node: SlurmNode): SlurmNodeInfo {
  const gpus = parseGres(node.gres).map(({ type, count }) => ({ type, count }));
  const used = parseGres(node.gres_used).reduce((n, g) => n + (g.indices.length || g.count), 0);
  const state = [node.state.toUpperCase(), ...node.state_flags.map((f) => f.toUpperCase())].join("+");
  return {
    name: node.name,
    state,
    partitions: node.partitions,
    cpus: node.cpus,
    memoryMb: node.real_memory,
    gpus,
    gpusUsed: used,
    ...(node.reason ? { reason: node.reason } : {}),
  };
}

export function toPartitionInfo(p: SlurmPartition): SlurmPartitionInfo {
  const limit = p.max_time_limit;
  return {
    name: p.name,
    state: p.state.toUpperCase(),
    nodes: p.nodes ? p.nodes.split(",").filter(Boolean) : [],
    isDefault: p.flags.some((f) => f.toLowerCase() === "default"),
    // Slurm writes "unlimited" as -1 or a huge number (INFINITE).
    maxTimeMinutes: limit === null || limit < 0 || limit >= 0xfffffffe ? null : limit,
  };
}

/** Nodes of a partition: listed by name, or those that name the partition. */
export function nodesOf(status: Pick<SlurmStatus, "nodes" | "partitions">, partition: string): SlurmNodeInfo[] {
  const p = status.partitions.find((x) => x.name === partition);
  return status.nodes.filter((n) => n.partitions.includes(partition) || (p?.nodes.includes(n.name) ?? false));
}

/**
 * What placement knows of a Slurm target: the GPUs and size of the largest up node of its default
 * partition, since one batch job runs on one node. Slurm itself decides which node and GPUs.
 */
export function placementView(status: SlurmStatus, partition: string): { gpus: GpuInventoryItem[]; host: HostInfo } {
  const nodes = nodesOf(status, partition).filter(nodeIsUp);
  const gpuCount = (n: SlurmNodeInfo) => n.gpus.reduce((s, g) => s + g.count, 0);
  const largest = [...nodes].sort((a, b) => gpuCount(b) - gpuCount(a) || b.cpus - a.cpus)[0];
  if (!largest) return { gpus: [], host: {} };
  const gpus: GpuInventoryItem[] = [];
  for (const g of largest.gpus) {
    for (let i = 0; i < g.count; i++) gpus.push({ index: gpus.length, uuid: `slurm:${largest.name}:${g.type}:${i}`, name: g.type, memoryMb: 0, driver: "" });
  }
  return {
    gpus,
    host: { hostname: largest.name, os: `Slurm partition ${partition}, ${nodes.length} node${nodes.length === 1 ? "" : "s"} up`, cpus: largest.cpus, memoryMb: largest.memoryMb },
  };
}

/** One line for the UI and for a pending job: "1 of 1 node up", "2 nodes drained". */
export function healthSummary(status: SlurmStatus): string {
  if (!status.reachable) return status.error ?? "slurmrestd unreachable";
  const up = status.nodes.filter(nodeIsUp).length;
  const drained = status.nodes.filter((n) => nodeStateWords(n).some((w) => w.startsWith("DRAIN"))).length;
  const down = status.nodes.length - up - drained;
  return [`${up} of ${status.nodes.length} node${status.nodes.length === 1 ? "" : "s"} up`, drained ? `${drained} drained` : "", down > 0 ? `${down} down` : ""]
    .filter(Boolean)
    .join(", ");
}
