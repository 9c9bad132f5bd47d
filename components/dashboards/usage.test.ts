import { describe, expect, it } from "vitest";
import { runColor } from "@/components/charts/prepare/run-color";
import { formatGpuHours, prepareUsage } from "./usage";

describe("compute usage", () => {
  it("keeps hours of deleted users and removed targets, with shares of the total", () => {
    const { rows, bars, total } = prepareUsage(
      [
        { key: "usr_a", label: "Ada", gpuHours: 12, jobs: 3, running: 1 },
        { key: null, label: null, gpuHours: 4, jobs: 1, running: 0 },
      ],
      "user",
    );
    expect(total).toBe(16);
    expect(rows).toEqual([
      { key: "usr_a", label: "Ada", gpuHours: 12, share: 0.75, jobs: 3, running: 1 },
      { key: "none:user", label: "Deleted user", gpuHours: 4, share: 0.25, jobs: 1, running: 0 },
    ]);
    expect(bars[0]).toEqual({ runId: "usr_a", name: "Ada", value: 12, color: runColor("usr_a") });
    expect(prepareUsage([{ key: null, label: null, gpuHours: 0, jobs: 1, running: 0 }], "target").rows[0]).toMatchObject({ label: "Removed target", share: 0 });
  });

  it("formats GPU-hours", () => {
    expect(formatGpuHours(0.04)).toBe("0.0");
    expect(formatGpuHours(12.46)).toBe("12.5");
    expect(formatGpuHours(1204.4)).toBe("1,204");
  });
});
