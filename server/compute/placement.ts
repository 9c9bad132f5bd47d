// Where a job may run: pure decisions over a snapshot of the targets, used at submit (can any
// target ever run it?) and at claim (which GPUs, right now?). No I/O here.

export interface GpuInfo {
  index: number;
  name: string;
  memoryMb: number;
}

export interface TargetSnapshot {
  id: string;
  name: string;
  online: boolean;
  labels: Record<string, string>;
  gpus: GpuInfo[];
  /** GPU indices held by assigned or running jobs. */
  allocated: number[];
  /** What the host reported, when it did. CPU and memory are hints: checked, not reserved. */
  cpus?: number;
  memoryMb?: number;
  /** Takes only jobs that name it (a Slurm cluster, which would otherwise take every job). */
  explicitOnly?: boolean;
}

export interface ResourceRequest {
  gpus: number;
  /** Substring match on the GPU name, case-insensitive ("A100", "H100 80GB"). */
  gpuModel?: string;
  cpus?: number;
  memoryMb?: number;
  targetId?: string;
  labels?: Record<string, string>;
}

const matchesModel = (gpu: GpuInfo, model?: string) => !model || gpu.name.toLowerCase().includes(model.toLowerCase());
const matchesLabels = (t: TargetSnapshot, labels?: Record<string, string>) =>
  Object.entries(labels ?? {}).every(([k, v]) => t.labels[k] === v);

// A host that has not reported its CPUs or memory yet is not ruled out by them.
const hostFits = (t: TargetSnapshot, req: ResourceRequest) =>
  (!req.cpus || t.cpus === undefined || t.cpus >= req.cpus) && (!req.memoryMb || t.memoryMb === undefined || t.memoryMb >= req.memoryMb);

const named = (t: TargetSnapshot, req: ResourceRequest) => (req.targetId ? t.id === req.targetId : !t.explicitOnly);

function candidates(req: ResourceRequest, targets: TargetSnapshot[]) {
  return targets.filter((t) => named(t, req) && matchesLabels(t, req.labels) && hostFits(t, req));
}

/** Null when some registered target could run the job once idle; otherwise why none ever can. */
export function infeasibleReason(req: ResourceRequest, targets: TargetSnapshot[]): string | null {
  const pool = candidates(req, targets);
  if (pool.length === 0) {
    const sized = targets.filter((t) => named(t, req) && matchesLabels(t, req.labels));
    if (sized.length) {
      const cpus = Math.max(...sized.map((t) => t.cpus ?? 0));
      const memory = Math.max(...sized.map((t) => t.memoryMb ?? 0));
      return req.cpus && req.cpus > cpus
        ? `${req.cpus} CPUs requested, but the largest matching host has ${cpus}`
        : `${req.memoryMb} MB of memory requested, but the largest matching host has ${memory} MB`;
    }
    if (req.targetId) return `No compute target ${req.targetId} in this team`;
    return req.labels && Object.keys(req.labels).length
      ? `No compute target has the labels ${Object.entries(req.labels).map(([k, v]) => `${k}=${v}`).join(", ")}`
      : "This team has no compute target";
  }
  if (req.gpus === 0) return null;
  const best = Math.max(...pool.map((t) => t.gpus.filter((g) => matchesModel(g, req.gpuModel)).length));
  if (best >= req.gpus) return null;
  const model = req.gpuModel ? ` ${req.gpuModel}` : "";
  return `${req.gpus}${model} GPU${req.gpus > 1 ? "s" : ""} requested, but the largest matching target has ${best}`;
}

export type Placement = { ok: true; gpuIndices: number[] } | { ok: false; reason: string };

/** Picks free GPUs on one target for a request, lowest indices first. */
export function placeOn(req: ResourceRequest, target: TargetSnapshot): Placement {
  if (!candidates(req, [target]).length) return { ok: false, reason: `${target.name} does not match the request` };
  if (!target.online) return { ok: false, reason: `${target.name} is offline` };
  const held = new Set(target.allocated);
  const free = target.gpus.filter((g) => !held.has(g.index) && matchesModel(g, req.gpuModel)).map((g) => g.index);
  if (free.length < req.gpus) {
    return { ok: false, reason: `${req.gpus} GPU${req.gpus === 1 ? "" : "s"} requested, ${free.length} free on ${target.name}` };
  }
  return { ok: true, gpuIndices: free.sort((a, b) => a - b).slice(0, req.gpus) };
}

/** Why a queued job is still waiting, naming the largest free block among matching targets. */
export function pendingReason(req: ResourceRequest, targets: TargetSnapshot[]): string {
  const pool = candidates(req, targets);
  const online = pool.filter((t) => t.online);
  if (online.length === 0) return "waiting: no matching compute target is online";
  let bestFree = -1;
  let bestName = "";
  for (const t of online) {
    const held = new Set(t.allocated);
    const free = t.gpus.filter((g) => !held.has(g.index) && matchesModel(g, req.gpuModel)).length;
    if (free > bestFree) {
      bestFree = free;
      bestName = t.name;
    }
  }
  if (req.gpus === 0 || bestFree >= req.gpus) return "waiting: for an agent to claim it";
  return `waiting: ${req.gpus} GPU${req.gpus === 1 ? "" : "s"} requested, largest free block is ${bestFree} on ${bestName}`;
}
