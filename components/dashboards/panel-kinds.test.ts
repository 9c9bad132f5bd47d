import { describe, expect, it } from "vitest";
import { panelKinds } from "@/server/dashboards/schemas";
import { newPanel, panelTitle } from "./panel-kinds";

describe("panel kinds", () => {
  it("makes a valid new panel of every kind with its default size", () => {
    for (const kind of panelKinds) {
      const panel = newPanel(kind, `pnl_${kind}`);
      expect(panel).toMatchObject({ id: `pnl_${kind}`, kind, title: "" });
      expect(panel.w).toBeGreaterThan(0);
    }
    expect(newPanel("line_charts", "x")).toMatchObject({ w: 12, h: 3, config: { filter: { top: 10, by: "started" }, x_axis: "step" } });
    expect(newPanel("leaderboard", "x")).toMatchObject({ w: 6, h: 3, config: { metric: null, stat: "last", direction: "desc", k: 10 } });
  });

  it("titles a panel by what it shows when it has no title of its own", () => {
    const lb = newPanel("leaderboard", "x");
    expect(panelTitle(lb)).toBe("Leaderboard");
    expect(panelTitle({ ...lb, config: { ...lb.config, metric: "val/acc", stat: "max" } } as typeof lb)).toBe("Leaderboard: val/acc (max)");
    expect(panelTitle({ ...lb, title: " Best runs " })).toBe("Best runs");
    const lines = newPanel("line_charts", "y");
    expect(panelTitle(lines)).toBe("Metrics · Latest 10 runs");
    expect(panelTitle({ ...lines, config: { ...lines.config, prefix: "train/" } } as typeof lines)).toBe("train/* · Latest 10 runs");
    expect(panelTitle(newPanel("compute_usage", "z"))).toBe("GPU-hours by user, last 30 days");
    const sc = newPanel("scatter", "s");
    expect(panelTitle({ ...sc, config: { ...sc.config, x: "p:lr", y: "m:max:val/acc" } } as typeof sc)).toBe("val/acc (max) against lr");
  });
});
