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
