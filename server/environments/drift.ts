import type { CapturedEnvironment } from "@/db/schema";
import { normalizeName } from "./canonical";
import type { EnvironmentSpec } from "./spec-schema";

export interface DriftItem {
  kind: "package" | "python" | "cuda" | "gpu" | "driver";
  message: string;
}

const pinsOf = (spec: EnvironmentSpec): Map<string, string> => {
  const lines = [...(spec.packages ?? []), ...(spec.lockfile ?? "").split("\n").map((l) => l.split(" ")[0] ?? "")];
  const pins = new Map<string, string>();
  for (const line of lines) {
    const m = /^([a-z0-9-]+)(\[[^\]]*\])?===?([^,*<>=!~\s]+)$/.exec(line);
    if (m) pins.set(m[1]!, m[3]!);
  }
  return pins;
};

const frozen = (captured: CapturedEnvironment): Map<string, string> => {
  const versions = new Map<string, string>();
  for (const line of captured.packages ?? []) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(.+)$/.exec(line.trim());
    if (m) versions.set(normalizeName(m[1]!), m[2]!.trim());
  }
  return versions;
};

const versionTuple = (v: string) => v.split(".").map((n) => Number.parseInt(n, 10) || 0);
function lowerVersion(have: string, need: string): boolean {
  const a = versionTuple(have);
  const b = versionTuple(need);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

/**
 * Where what ran differs from what was declared (pins, python, CUDA), and, for a reproduction,
 * from what the original ran on (GPU models, driver).
 */
export function environmentDrift(
  declared: EnvironmentSpec | null,
  captured: CapturedEnvironment | null,
  reference: CapturedEnvironment | null = null,
): DriftItem[] {
  if (!captured) return [];
  const drift: DriftItem[] = [];
  if (declared) {
    const ran = frozen(captured);
    if (captured.packages) {
      for (const [name, pinned] of pinsOf(declared)) {
        const actual = ran.get(name);
        if (!actual) drift.push({ kind: "package", message: `${name} is pinned to ${pinned} but was not installed` });
        else if (actual !== pinned) drift.push({ kind: "package", message: `${name} is pinned to ${pinned} but ${actual} ran` });
      }
    }
    if (declared.python && captured.python && !`${captured.python}.`.startsWith(`${declared.python}.`)) {
      drift.push({ kind: "python", message: `python ${declared.python} was declared but ${captured.python} ran` });
    }
    if (declared.cuda && (!captured.cuda || lowerVersion(captured.cuda, declared.cuda))) {
      drift.push({ kind: "cuda", message: `CUDA ${declared.cuda} was declared but the host had ${captured.cuda ?? "none"}` });
    }
  }
  if (reference) {
    const models = (e: CapturedEnvironment) => [...new Set(e.gpus ?? [])].sort().join(", ") || "no GPU";
    if (models(reference) !== models(captured)) drift.push({ kind: "gpu", message: `GPUs differ: the original ran on ${models(reference)}, this run on ${models(captured)}` });
    if ((reference.driver ?? "") !== (captured.driver ?? "")) {
      drift.push({ kind: "driver", message: `NVIDIA driver differs: ${reference.driver ?? "none"} then, ${captured.driver ?? "none"} now` });
    }
    const before = frozen(reference);
    for (const [name, version] of frozen(captured)) {
      const then = before.get(name);
      if (then && then !== version) drift.push({ kind: "package", message: `${name} was ${then} in the original run, ${version} now` });
    }
  }
  return drift;
}
