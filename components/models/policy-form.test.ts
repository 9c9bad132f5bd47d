import { describe, expect, it } from "vitest";
import type { PolicyCheck } from "@/server/registry/schemas";
import { checkLabel } from "@/server/registry/schemas";
import { blankCheckRow, PolicyForm, policyFormValues } from "./policy-form";

const checks: PolicyCheck[] = [
  { kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 },
  { kind: "beats_current", key: "val/loss", stat: "min", direction: "lower" },
  { kind: "run_succeeded" },
  { kind: "environment_pinned" },
  { kind: "reproduced" },
];

describe("PolicyForm", () => {
  it("turns the form's rows into the checks setPolicy takes, reading only the chosen kind's fields", () => {
    const out = PolicyForm.parse({
      projectId: "prj_1",
      alias: "production",
      requiredApprovals: " 2 ",
      checks: [
        { ...blankCheckRow(), key: " val/acc ", value: "0.9" },
        { ...blankCheckRow("beats_current"), key: "val/loss", stat: "min", direction: "lower", value: "junk" },
        { ...blankCheckRow("run_succeeded"), key: "left over" },
        blankCheckRow("environment_pinned"),
        blankCheckRow("reproduced"),
      ],
    });
    expect(out).toEqual({ projectId: "prj_1", alias: "production", requiredApprovals: 2, checks });
  });

  it("round-trips an existing policy through the form", () => {
    const values = policyFormValues("prj_1", { alias: "staging", requiredApprovals: 0, checks });
    expect(values.requiredApprovals).toBe("0");
    expect(PolicyForm.parse(values)).toEqual({ projectId: "prj_1", alias: "staging", requiredApprovals: 0, checks });
    expect(policyFormValues("prj_1")).toEqual({ projectId: "prj_1", alias: "", requiredApprovals: "1", checks: [] });
  });

  it("says which field is wrong, once", () => {
    const result = PolicyForm.safeParse({
      projectId: "prj_1",
      alias: "Prod!",
      requiredApprovals: "11",
      checks: [blankCheckRow(), { ...blankCheckRow("beats_current"), key: "" }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toContainEqual(["checks.0.key", "Metric key is required"]);
    expect(issues).toContainEqual(["checks.0.value", "Enter a number"]);
    expect(issues).toContainEqual(["checks.1.key", "Metric key is required"]);
    expect(issues.filter(([path]) => path === "checks.0.key")).toHaveLength(1);
    expect(issues.some(([path]) => path === "alias")).toBe(true);
    expect(issues.some(([path]) => path === "requiredApprovals")).toBe(true);
    expect(PolicyForm.safeParse({ ...policyFormValues("p"), alias: "ok", requiredApprovals: "x" }).success).toBe(false);
  });
});

describe("checkLabel", () => {
  it("reads like the request page's labels", () => {
    expect(checks.map(checkLabel)).toEqual([
      "val/acc (last) >= 0.9",
      "Beats the current version on val/loss (min, lower is better)",
      "Run succeeded",
      "Environment fully pinned",
      "Reproduction verdict is reproduced",
    ]);
  });
});
