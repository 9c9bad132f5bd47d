import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectGpus, parseCudaVersion, parseDriverQuery, parseInventory, parseUsage } from "./nvidia-smi";

// Recorded from nvidia-smi 550 on a 2×A100 host (names and UUIDs shortened).
const inventory = `0, GPU-7b1c2d3e, NVIDIA A100-SXM4-80GB, 81920, 550.54.15
1, GPU-8c2d3e4f, NVIDIA A100-SXM4-80GB, 81920, 550.54.15
`;

describe("nvidia-smi", () => {
  it("reads the GPU inventory", () => {
    expect(parseInventory(inventory)).toEqual([
      { index: 0, uuid: "GPU-7b1c2d3e", name: "NVIDIA A100-SXM4-80GB", memoryMb: 81920, driver: "550.54.15" },
      { index: 1, uuid: "GPU-8c2d3e4f", name: "NVIDIA A100-SXM4-80GB", memoryMb: 81920, driver: "550.54.15" },
    ]);
  });

  it("keeps commas inside a GPU name and tolerates fields a GPU cannot report", () => {
    expect(parseInventory("0, GPU-1, Quadro RTX 8000, Rev 2, [N/A], 535.1\n")).toEqual([
      { index: 0, uuid: "GPU-1", name: "Quadro RTX 8000, Rev 2", memoryMb: 0, driver: "535.1" },
    ]);
    expect(parseUsage("0, 97, 40211\n1, [Not Supported], 0\n")).toEqual([
      { index: 0, utilization: 97, memoryUsedMb: 40211 },
      { index: 1, utilization: 0, memoryUsedMb: 0 },
    ]);
  });

  it("runs the real binary on PATH, and reports no GPUs where there is none", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fake-smi-"));
    const fake = path.join(dir, "nvidia-smi");
    writeFileSync(fake, `#!/bin/sh\ncat <<'CSV'\n${inventory}CSV\n`);
    chmodSync(fake, 0o755);
    expect((await detectGpus(fake)).map((g) => g.index)).toEqual([0, 1]);
    expect(await detectGpus(path.join(dir, "absent"))).toEqual([]);
  });

  it("reads the driver, the GPU names and the CUDA version", () => {
    expect(parseDriverQuery("NVIDIA A100-SXM4-80GB, 550.54.15\nQuadro RTX 8000, Rev 2, 550.54.15\n")).toEqual({
      driver: "550.54.15",
      names: ["NVIDIA A100-SXM4-80GB", "Quadro RTX 8000, Rev 2"],
    });
    expect(parseDriverQuery("")).toBeNull();
    const header = `+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |
|-----------------------------------------+------------------------+----------------------+`;
    expect(parseCudaVersion(header)).toBe("12.4");
    expect(parseCudaVersion("No devices were found")).toBeNull();
  });
});
