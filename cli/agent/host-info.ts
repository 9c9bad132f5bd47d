import os from "node:os";
import type { DetectedGpu, GpuUsage } from "../nvidia-smi";
import { version } from "../../package.json";
import type { Heartbeat } from "./agent-api";

export const AGENT_VERSION: string = version;

export type HostInfo = NonNullable<Heartbeat["host"]>;
export type WireGpus = NonNullable<Heartbeat["gpus"]>;
export type WireSamples = NonNullable<Heartbeat["gpu_samples"]>;

export function hostInfo(): HostInfo {
  return {
    hostname: os.hostname(),
    os: `${os.type()} ${os.release()}`,
    cpus: os.cpus().length,
    memory_mb: Math.round(os.totalmem() / (1024 * 1024)),
    agent_version: AGENT_VERSION,
  };
}

export function toWireGpus(gpus: DetectedGpu[]): WireGpus {
  return gpus.map((g) => ({ index: g.index, uuid: g.uuid, name: g.name, memory_mb: g.memoryMb, driver: g.driver }));
}

export function toWireSamples(samples: GpuUsage[]): WireSamples {
  return samples.map((s) => ({ index: s.index, utilization: s.utilization, memory_used_mb: s.memoryUsedMb }));
}
