import type { CheckResult } from "@/db/schema";
import type { ReproductionVerdict, RunStatus } from "@/db/schema/enums";
import { checkLabel, formatValue, type PolicyCheck } from "./schemas";

/** What the checks look at for one version, loaded by server/registry/version-facts.ts. */
export interface VersionFacts {
  version: number;
  metrics: { key: string; last: number | null; min: number | null; max: number | null }[];
  /** The run's status now; null when the run was deleted. */
  runStatus: RunStatus | null;
  environment: { name: string; version: number; pinned: boolean } | null;
  /** The best verdict among reproductions of the version's run; null when none was launched. */
  reproduction: ReproductionVerdict | null;
}

type Stat = "last" | "min" | "max";

function metricOf(facts: VersionFacts, key: string, stat: Stat): number | null {
  const m = facts.metrics.find((x) => x.key === key);
  return m ? m[stat] : null;
}

const compare: Record<"<" | "<=" | ">" | ">=" | "==", (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
};

function evaluateOne(check: PolicyCheck, v: VersionFacts, current: VersionFacts | null): Omit<CheckResult, "check" | "label"> {
  switch (check.kind) {
    case "metric_threshold": {
      const value = metricOf(v, check.key, check.stat);
      // NaN compares false with everything, so a diverged metric never passes a threshold.
      return { passed: value !== null && compare[check.op](value, check.value), value: formatValue(value) };
    }
    case "run_succeeded":
      return { passed: v.runStatus === "succeeded", value: v.runStatus ?? "run deleted" };
    case "environment_pinned":
      if (!v.environment) return { passed: false, value: "no declared environment" };
      return {
        passed: v.environment.pinned,
        value: `${v.environment.name}@${v.environment.version} ${v.environment.pinned ? "pinned" : "not pinned"}`,
      };
    case "beats_current": {
      const mine = metricOf(v, check.key, check.stat);
      if (!current) return { passed: mine !== null && !Number.isNaN(mine), value: `${formatValue(mine)} (no current version)` };
      const theirs = metricOf(current, check.key, check.stat);
      const better = (a: number, b: number) => (check.direction === "higher" ? a > b : a < b);
      const passed = mine !== null && !Number.isNaN(mine) && (theirs === null || Number.isNaN(theirs) || better(mine, theirs));
      return { passed, value: `${formatValue(mine)} vs ${formatValue(theirs)} (v${current.version})` };
    }
    case "reproduced":
      return { passed: v.reproduction === "reproduced", value: v.reproduction ?? "not reproduced yet" };
  }
}

/**
 * Evaluates a policy's checks on a candidate version against the alias's current holder. Pure, so
 * the request page, the approval and the apply all judge with exactly this rule.
 */
export function evaluateChecks(checks: PolicyCheck[], candidate: VersionFacts, current: VersionFacts | null): CheckResult[] {
  return checks.map((check) => ({ check, label: checkLabel(check), ...evaluateOne(check, candidate, current) }));
}

export const allPassed = (results: CheckResult[]) => results.every((r) => r.passed);
