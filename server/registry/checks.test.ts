import { describe, expect, it } from "vitest";
import { allPassed, evaluateChecks, type VersionFacts } from "./checks";
import { formatValue } from "./schemas";

const facts = (over: Partial<VersionFacts> = {}): VersionFacts => ({
  version: 2,
  metrics: [{ key: "val/acc", last: 0.93, min: 0.5, max: 0.95 }],
  runStatus: "succeeded",
  environment: { name: "train", version: 3, pinned: true },
  reproduction: null,
  ...over,
});

describe("evaluateChecks", () => {
  it("judges metric thresholds on the chosen statistic and shows the value", () => {
    const [pass, fail, missing] = evaluateChecks(
      [
        { kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 },
        { kind: "metric_threshold", key: "val/acc", stat: "min", op: ">=", value: 0.9 },
        { kind: "metric_threshold", key: "val/loss", stat: "last", op: "<", value: 1 },
      ],
      facts(),
      null,
    );
    expect(pass).toMatchObject({ passed: true, value: "0.93", label: "val/acc (last) >= 0.9" });
    expect(fail).toMatchObject({ passed: false, value: "0.5" });
    expect(missing).toMatchObject({ passed: false, value: "missing" });
  });

  it("never passes a threshold on NaN", () => {
    const [r] = evaluateChecks([{ kind: "metric_threshold", key: "val/acc", stat: "last", op: "<=", value: 1 }], facts({ metrics: [{ key: "val/acc", last: NaN, min: NaN, max: NaN }] }), null);
    expect(r).toMatchObject({ passed: false, value: "NaN" });
  });

  it("checks run status, pinning and reproduction", () => {
    const checks = [{ kind: "run_succeeded" as const }, { kind: "environment_pinned" as const }, { kind: "reproduced" as const }];
    expect(evaluateChecks(checks, facts({ reproduction: "reproduced" }), null).map((r) => r.passed)).toEqual([true, true, true]);
    const bad = evaluateChecks(checks, facts({ runStatus: "failed", environment: null, reproduction: "diverged" }), null);
    expect(bad.map((r) => [r.passed, r.value])).toEqual([
      [false, "failed"],
      [false, "no declared environment"],
      [false, "diverged"],
    ]);
    expect(evaluateChecks([{ kind: "reproduced" }], facts(), null)[0]!.value).toBe("not reproduced yet");
    expect(allPassed(bad)).toBe(false);
  });

  it("compares against the current holder in the chosen direction", () => {
    const higher = { kind: "beats_current" as const, key: "val/acc", stat: "last" as const, direction: "higher" as const };
    const current = facts({ version: 1, metrics: [{ key: "val/acc", last: 0.9, min: 0.4, max: 0.91 }] });
    expect(evaluateChecks([higher], facts(), current)[0]).toMatchObject({ passed: true, value: "0.93 vs 0.9 (v1)" });
    expect(evaluateChecks([{ ...higher, direction: "lower" }], facts(), current)[0]!.passed).toBe(false);
    expect(evaluateChecks([higher], facts(), null)[0]).toMatchObject({ passed: true, value: "0.93 (no current version)" });
    expect(evaluateChecks([higher], facts({ metrics: [] }), current)[0]!.passed).toBe(false);
  });

  it("formats values for reviewers", () => {
    expect([formatValue(1 / 3), formatValue(12), formatValue(-Infinity), formatValue(null)]).toEqual(["0.333333", "12", "-Infinity", "missing"]);
  });
});
