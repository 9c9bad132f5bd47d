import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface DetectedGpu {
  index: number;
  uuid: string;
  name: string;
  memoryMb: number;
  driver: string;
}

export interface GpuUsage {
  index: number;
  utilization: number;
  memoryUsedMb: number;
}

export const INVENTORY_QUERY = ["--query-gpu=index,uuid,name,memory.total,driver_version", "--format=csv,noheader,nounits"];
export const USAGE_QUERY = ["--query-gpu=index,utilization.gpu,memory.used", "--format=csv,noheader,nounits"];

const cells = (line: string) => line.split(",").map((c) => c.trim());
// nvidia-smi prints "[N/A]" or "[Not Supported]" for fields a GPU cannot report.
const num = (s: string | undefined) => (s && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : 0);

/** Parses `nvidia-smi --query-gpu=index,uuid,name,memory.total,driver_version` CSV output. */
export function parseInventory(csv: string): DetectedGpu[] {
  return csv
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((line) => {
      const [index, uuid, ...rest] = cells(line);
      // A GPU name may itself contain commas; memory and driver are always the last two cells.
      const driver = rest.pop() ?? "";
      const memory = rest.pop();
      return { index: num(index), uuid: uuid ?? "", name: rest.join(", "), memoryMb: num(memory), driver };
    })
    .filter((g) => g.uuid !== "");
}

export function parseUsage(csv: string): GpuUsage[] {
  return csv
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((line) => {
      const [index, utilization, memoryUsed] = cells(line);
      return { index: num(index), utilization: num(utilization), memoryUsedMb: num(memoryUsed) };
    });
}

/** The host's GPUs, or none when nvidia-smi is absent or fails: a CPU-only target. */
export async function detectGpus(binary = "nvidia-smi"): Promise<DetectedGpu[]> {
  try {
    const { stdout } = await run(binary, INVENTORY_QUERY, { timeout: 10_000 });
    return parseInventory(stdout);
  } catch {
    return [];
  }
}

export async function sampleGpus(binary = "nvidia-smi"): Promise<GpuUsage[]> {
  try {
    const { stdout } = await run(binary, USAGE_QUERY, { timeout: 10_000 });
    return parseUsage(stdout);
  } catch {
    return [];
  }
}

export const DRIVER_QUERY = ["--query-gpu=name,driver_version", "--format=csv,noheader"];

export interface DriverInfo {
  driver: string;
  /** GPU model names, in nvidia-smi's index order. */
  names: string[];
}

/** Parses `nvidia-smi --query-gpu=name,driver_version --format=csv,noheader` output. */
export function parseDriverQuery(csv: string): DriverInfo | null {
  const rows = csv
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((line) => {
      const parts = cells(line);
      // As in the inventory, a name may hold commas; the driver is the last cell.
      const driver = parts.pop() ?? "";
      return { name: parts.join(", "), driver };
    })
    .filter((r) => r.name !== "" && r.driver !== "");
  if (rows.length === 0) return null;
  return { driver: rows[0]!.driver, names: rows.map((r) => r.name) };
}

/** The highest CUDA version the driver supports, from the header of plain `nvidia-smi`. */
export function parseCudaVersion(text: string): string | null {
  return /CUDA Version\s*:\s*(\d+(?:\.\d+)*)/.exec(text)?.[1] ?? null;
}

/** The driver and GPU names, or null when nvidia-smi is absent or fails. */
export async function queryDriver(binary = "nvidia-smi", env?: NodeJS.ProcessEnv): Promise<DriverInfo | null> {
  try {
    const { stdout } = await run(binary, DRIVER_QUERY, { timeout: 10_000, env });
    return parseDriverQuery(stdout);
  } catch {
    return null;
  }
}

/** The CUDA version the driver supports, or null when nvidia-smi is absent, fails or names none. */
export async function queryCudaVersion(binary = "nvidia-smi", env?: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const { stdout } = await run(binary, [], { timeout: 10_000, env });
    return parseCudaVersion(stdout);
  } catch {
    return null;
  }
}
