import { describe, expect, it } from "vitest";
import { infeasibleReason, pendingReason, placeOn, type TargetSnapshot } from "./placement";

const gpus = (n: number, name = "NVIDIA A100-SXM4-80GB") => Array.from({ length: n }, (_, index) => ({ index, name, memoryMb: 81920 }));
const target = (over: Partial<TargetSnapshot> = {}): TargetSnapshot => ({
  id: "cmp_a",
  name: "gpu-a",
  online: true,
  labels: { zone: "lab" },
  gpus: gpus(2),
  allocated: [],
  ...over,
});

describe("placement", () => {
  it("treats CPU and memory as hints checked against what hosts reported", () => {
    const targets = [target({ cpus: 8, memoryMb: 64_000 }), target({ id: "cmp_b", name: "gpu-b" })];
    expect(infeasibleReason({ gpus: 0, cpus: 16 }, [targets[0]!])).toBe("16 CPUs requested, but the largest matching host has 8");
    expect(infeasibleReason({ gpus: 0, memoryMb: 128_000 }, [targets[0]!])).toBe("128000 MB of memory requested, but the largest matching host has 64000 MB");
    // A host that never reported its size may still fit.
    expect(infeasibleReason({ gpus: 0, cpus: 16 }, targets)).toBeNull();
    expect(placeOn({ gpus: 0, cpus: 4 }, targets[0]!)).toEqual({ ok: true, gpuIndices: [] });
    expect(placeOn({ gpus: 0, cpus: 16 }, targets[0]!).ok).toBe(false);
  });

  it("refuses at submit what no target could ever run, and says why", () => {
    const targets = [target(), target({ id: "cmp_b", name: "gpu-b", gpus: gpus(4, "NVIDIA H100 80GB HBM3") })];
    expect(infeasibleReason({ gpus: 4 }, targets)).toBeNull();
    expect(infeasibleReason({ gpus: 3, gpuModel: "a100" }, targets)).toBe("3 a100 GPUs requested, but the largest matching target has 2");
    expect(infeasibleReason({ gpus: 1, labels: { zone: "cloud" } }, targets)).toMatch(/labels zone=cloud/);
    expect(infeasibleReason({ gpus: 0 }, [])).toBe("This team has no compute target");
    expect(infeasibleReason({ gpus: 0, targetId: "cmp_x" }, targets)).toMatch(/cmp_x/);
  });

  it("places on the lowest free indices and never on held ones", () => {
    expect(placeOn({ gpus: 2 }, target({ gpus: gpus(4), allocated: [0, 2] }))).toEqual({ ok: true, gpuIndices: [1, 3] });
    expect(placeOn({ gpus: 2 }, target({ allocated: [1] }))).toEqual({ ok: false, reason: "2 GPUs requested, 1 free on gpu-a" });
    expect(placeOn({ gpus: 0 }, target({ allocated: [0, 1] }))).toEqual({ ok: true, gpuIndices: [] });
    expect(placeOn({ gpus: 1 }, target({ online: false })).ok).toBe(false);
    expect(placeOn({ gpus: 1, gpuModel: "H100" }, target()).ok).toBe(false);
  });

  it("explains a wait with the largest free block", () => {
    const targets = [target({ allocated: [0] }), target({ id: "cmp_b", name: "gpu-b", gpus: gpus(1), allocated: [0] })];
    expect(pendingReason({ gpus: 2 }, targets)).toBe("waiting: 2 GPUs requested, largest free block is 1 on gpu-a");
    expect(pendingReason({ gpus: 1 }, [target({ online: false })])).toBe("waiting: no matching compute target is online");
  });
});
