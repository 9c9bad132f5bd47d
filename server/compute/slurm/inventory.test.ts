import { describe, expect, it } from "vitest";
import { healthSummary, nodeIsUp, parseGres, parseIndices, placementView, toNodeInfo, toPartitionInfo } from "./inventory";

describe("Slurm GRES and node readings", () => {
  it("parses GPU GRES with and without a type, with socket and index details", () => {
    expect(parseGres("gpu:fake:2")).toEqual([{ type: "fake", count: 2, indices: [] }]);
    expect(parseGres("gpu:4(S:0-1)")).toEqual([{ type: "gpu", count: 4, indices: [] }]);
    expect(parseGres("gpu:a100:1(IDX:0,2-3),gpu:t4:1(IDX:N/A)")).toEqual([
      { type: "a100", count: 1, indices: [0, 2, 3] },
      { type: "t4", count: 1, indices: [] },
    ]);
    expect(parseGres("mps:100,gpu:v100:2")).toEqual([{ type: "v100", count: 2, indices: [] }]);
    expect(parseGres("")).toEqual([]);
    expect(parseIndices("0-2,5")).toEqual([0, 1, 2, 5]);
  });

  it("counts used GPUs and reads drained nodes as not up", () => {
    const node = toNodeInfo({ name: "n1", state: "mixed", state_flags: ["DRAIN"], partitions: ["gpu"], cpus: 8, real_memory: 1000, gres: "gpu:fake:2", gres_used: "gpu:fake:1(IDX:1)", reason: "maintenance" });
    expect(node).toMatchObject({ state: "MIXED+DRAIN", gpus: [{ type: "fake", count: 2 }], gpusUsed: 1, reason: "maintenance" });
    expect(nodeIsUp(node)).toBe(false);
    expect(nodeIsUp({ state: "IDLE" })).toBe(true);
  });

  it("sees the largest up node of the partition for placement, and sums health", () => {
    const nodes = [
      toNodeInfo({ name: "a", state: "idle", state_flags: [], partitions: ["gpu"], cpus: 4, real_memory: 100, gres: "gpu:t4:2", gres_used: "", reason: "" }),
      toNodeInfo({ name: "b", state: "idle", state_flags: [], partitions: ["gpu"], cpus: 8, real_memory: 200, gres: "gpu:a100:4", gres_used: "", reason: "" }),
      toNodeInfo({ name: "c", state: "down", state_flags: [], partitions: ["gpu"], cpus: 8, real_memory: 200, gres: "gpu:a100:8", gres_used: "", reason: "" }),
      toNodeInfo({ name: "d", state: "idle", state_flags: ["DRAIN"], partitions: ["cpu"], cpus: 8, real_memory: 200, gres: "", gres_used: "", reason: "" }),
    ];
    const partitions = [toPartitionInfo({ name: "gpu", state: "UP", nodes: "a,b,c", flags: ["default"], max_time_limit: -1 })];
    const status = { checkedAt: new Date().toISOString(), reachable: true, partitions, nodes };
    const view = placementView(status, "gpu");
    expect(view.gpus.map((g) => g.name)).toEqual(["a100", "a100", "a100", "a100"]);
    expect(view.host).toMatchObject({ hostname: "b", cpus: 8, memoryMb: 200 });
    expect(partitions[0]).toMatchObject({ isDefault: true, maxTimeMinutes: null, nodes: ["a", "b", "c"] });
    expect(healthSummary(status)).toBe("2 of 4 nodes up, 1 drained, 1 down");
    expect(healthSummary({ ...status, reachable: false, error: "slurmrestd at x is unreachable" })).toBe("slurmrestd at x is unreachable");
  });
});
