import { describe, expect, it } from "vitest";
import { type CompareView, parseCompareView, serializeCompareView } from "@/app/(studio)/projects/[projectId]/compare/search-params";

const parse = (qs: string) => parseCompareView(new URLSearchParams(qs));

describe("compare view in the URL", () => {
  it("defaults to the 20 newest runs by step, unsmoothed", () => {
    expect(parse("")).toEqual({
      selection: { mode: "top", q: "", top: 20, by: "started", dir: "desc" },
      x: "step",
      smoothing: 0,
      logY: false,
      range: null,
      differencesOnly: false,
      scatterX: null,
      scatterY: null,
      parallelParams: null,
      parallelMetric: null,
    } satisfies CompareView);
    expect(serializeCompareView(parse(""))).toBe("");
  });

  it("round-trips every setting, keeping links readable", () => {
    const qs = "runs=run_a,run_b&x=relative_time&smooth=0.6&log=1&from=100&to=500.5&diff=1&sx=p:lr&sy=m:max:val/acc&pc=p:lr,p:bs&pm=m:last:val/acc";
    expect(serializeCompareView(parse(qs))).toBe(qs);
    expect(parse("top=7&by=m:last:val/acc&dir=asc&q=lr%3E0.01").selection).toEqual({ mode: "top", q: "lr>0.01", top: 7, by: "m:last:val/acc", dir: "asc" });
  });

  it("drops what it cannot use", () => {
    const view = parse("runs=ok_1,bad id,ok_1&x=epochs&smooth=7&from=5&to=1&sx=nonsense&top=1000");
    expect(view.selection).toEqual({ mode: "picked", ids: ["ok_1"] });
    expect(view).toMatchObject({ x: "step", smoothing: 0.99, range: null, scatterX: null });
    expect(parse("top=1000").selection).toMatchObject({ top: 100 });
  });
});
