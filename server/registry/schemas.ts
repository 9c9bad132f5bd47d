import { z } from "zod";
import { promotionStates } from "@/db/schema/enums";

// Shared by the registry service, its tRPC router, REST contracts and the UI's forms.

export const ModelName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(128)
  .regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits and inner _ . - only");

export const AliasName = z
  .string()
  .trim()
  .min(1, "Alias is required")
  .max(63)
  .regex(/^[a-z][a-z0-9_-]*$/, "Lowercase letters, digits, _ and - (starting with a letter)")
  .refine((a) => !/^v\d+$/.test(a), "v<number> is reserved for version numbers");

const Description = z.string().max(10_000);
const Tags = z.record(z.string().min(1).max(250), z.string().max(5000));

export const CreateModelInput = z.object({
  projectId: z.string().min(1),
  name: ModelName,
  description: Description.optional(),
  tags: Tags.optional(),
});
export type CreateModelInput = z.input<typeof CreateModelInput>;

export const UpdateModelInput = z.object({
  modelId: z.string().min(1),
  description: Description.optional(),
  tags: Tags.optional(),
});
export type UpdateModelInput = z.input<typeof UpdateModelInput>;

export const ModelRef = z.object({ modelId: z.string().min(1) });
export type ModelRef = z.infer<typeof ModelRef>;

export const ModelByName = z.object({ projectId: z.string().min(1), name: ModelName });

export const RegisterVersionInput = z.object({
  modelId: z.string().min(1),
  runId: z.string().min(1),
  /** A file, or a folder (everything under it), among the run's artifacts. */
  artifactPath: z.string().trim().min(1).max(1024),
  description: Description.optional(),
});
export type RegisterVersionInput = z.input<typeof RegisterVersionInput>;

export const VersionRef = z.object({ modelId: z.string().min(1), version: z.coerce.number().int().positive() });
export type VersionRef = z.infer<typeof VersionRef>;

export const AliasRef = z.object({ modelId: z.string().min(1), alias: AliasName });
export type AliasRef = z.infer<typeof AliasRef>;

export const SetAliasInput = AliasRef.extend({ version: z.coerce.number().int().positive() });

const Stat = z.enum(["last", "min", "max"]);

export const PolicyCheck = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("metric_threshold"),
      key: z.string().min(1).max(250),
      stat: Stat,
      op: z.enum([">=", ">", "<=", "<", "=="]),
      value: z.number().finite(),
    })
    .strict(),
  z.object({ kind: z.literal("run_succeeded") }).strict(),
  z.object({ kind: z.literal("environment_pinned") }).strict(),
  z
    .object({ kind: z.literal("beats_current"), key: z.string().min(1).max(250), stat: Stat, direction: z.enum(["higher", "lower"]) })
    .strict(),
  z.object({ kind: z.literal("reproduced") }).strict(),
]);
export type PolicyCheck = z.infer<typeof PolicyCheck>;
export const policyCheckKinds = ["metric_threshold", "run_succeeded", "environment_pinned", "beats_current", "reproduced"] as const;

export const PolicyInput = z.object({
  projectId: z.string().min(1),
  alias: AliasName,
  requiredApprovals: z.number().int().min(0).max(10),
  checks: z.array(PolicyCheck).max(20),
});
export type PolicyInput = z.input<typeof PolicyInput>;

export const PolicyRef = z.object({ projectId: z.string().min(1), alias: AliasName });

export const RequestPromotionInput = z.object({
  modelId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  alias: AliasName,
  description: Description.optional(),
});
export type RequestPromotionInput = z.input<typeof RequestPromotionInput>;

export const PromotionRef = z.object({ promotionId: z.string().min(1) });
export const ReviewInput = PromotionRef.extend({ comment: z.string().max(10_000).optional() });
export type ReviewInput = z.input<typeof ReviewInput>;

export const ListPromotionsInput = z.object({
  projectId: z.string().min(1).optional(),
  modelId: z.string().min(1).optional(),
  states: z.array(z.enum(promotionStates)).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListPromotionsInput = z.input<typeof ListPromotionsInput>;

/** A value as reviewers read it: NaN and infinities by name, fractions to six digits. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "missing";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** How a check reads on the request page, the policy editor and in errors. */
export function checkLabel(check: PolicyCheck): string {
  switch (check.kind) {
    case "metric_threshold":
      return `${check.key} (${check.stat}) ${check.op} ${formatValue(check.value)}`;
    case "run_succeeded":
      return "Run succeeded";
    case "environment_pinned":
      return "Environment fully pinned";
    case "beats_current":
      return `Beats the current version on ${check.key} (${check.stat}, ${check.direction} is better)`;
    case "reproduced":
      return "Reproduction verdict is reproduced";
  }
}
