import { z } from "zod";
import { AliasName, PolicyCheck, PolicyInput, policyCheckKinds } from "@/server/registry/schemas";

export type CheckKind = (typeof policyCheckKinds)[number];
export const stats = ["last", "min", "max"] as const;
export const operators = [">=", ">", "<=", "<", "=="] as const;
export const directions = ["higher", "lower"] as const;

export const checkKindLabels: Record<CheckKind, string> = {
  metric_threshold: "Metric threshold",
  beats_current: "Beats the current version",
  run_succeeded: "Run succeeded",
  environment_pinned: "Environment pinned",
  reproduced: "Reproduced",
};


/**
 * One check as the form edits it: every kind's fields at once, as text, so switching the kind
 * keeps what was typed; only the chosen kind's fields are read when saving.
 */
const CheckRow = z.object({
  kind: z.enum(policyCheckKinds),
  key: z.string(),
  stat: z.enum(stats),
  op: z.enum(operators),
  value: z.string(),
  direction: z.enum(directions),
});
export type CheckRow = z.infer<typeof CheckRow>;

const toCheck = CheckRow.transform((row, ctx): PolicyCheck => {
  const key = row.key.trim();
  const value = row.value.trim() === "" ? NaN : Number(row.value);
  let wrong = false;
  if ((row.kind === "metric_threshold" || row.kind === "beats_current") && !key) {
    ctx.addIssue({ code: "custom", path: ["key"], message: "Metric key is required" });
    wrong = true;
  }
  if (row.kind === "metric_threshold" && !Number.isFinite(value)) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a number" });
    wrong = true;
  }
  if (wrong) return z.NEVER;
  const parsed = PolicyCheck.safeParse(
    row.kind === "metric_threshold"
      ? { kind: row.kind, key, stat: row.stat, op: row.op, value }
      : row.kind === "beats_current"
        ? { kind: row.kind, key, stat: row.stat, direction: row.direction }
        : { kind: row.kind },
  );
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  return z.NEVER;
});

/** The policy dialog: PolicyInput with approvals and threshold values typed as text. */
export const PolicyForm = z.object({
  projectId: PolicyInput.shape.projectId,
  alias: AliasName,
  requiredApprovals: z
    .string()
    .trim()
    .regex(/^\d+$/, "Enter a whole number from 0 to 10")
    .transform(Number)
    .pipe(PolicyInput.shape.requiredApprovals),
  checks: z.array(toCheck).max(20, "At most 20 checks"),
});
export type PolicyFormValues = z.input<typeof PolicyForm>;

export const blankCheckRow = (kind: CheckKind = "metric_threshold"): CheckRow => ({
  kind,
  key: "",
  stat: "last",
  op: ">=",
  value: "",
  direction: "higher",
});

/** The form for an existing policy, or for a new one (one approval, no checks). */
export function policyFormValues(
  projectId: string,
  policy?: { alias: string; requiredApprovals: number; checks: readonly PolicyCheck[] },
): PolicyFormValues {
  if (!policy) return { projectId, alias: "", requiredApprovals: "1", checks: [] };
  return {
    projectId,
    alias: policy.alias,
    requiredApprovals: String(policy.requiredApprovals),
    checks: policy.checks.map((c) => ({
      ...blankCheckRow(c.kind),
      ...("key" in c ? { key: c.key, stat: c.stat } : {}),
      ...(c.kind === "metric_threshold" ? { op: c.op, value: String(c.value) } : {}),
      ...(c.kind === "beats_current" ? { direction: c.direction } : {}),
    })),
  };
}
