import { z } from "zod";
import { AliasName, RequestPromotionInput } from "@/server/registry/schemas";

/** The alias select's "type another name"; not a valid alias, so it cannot collide with one. */
export const CUSTOM_ALIAS = "__custom__";

/** The usual aliases first, then the project's policies' and the model's own, each once. */
export function aliasChoices(...lists: readonly (readonly string[])[]): string[] {
  const rest = [...new Set(lists.flat())].filter((a) => a !== "staging" && a !== "production").sort();
  return ["staging", "production", ...rest];
}

/** The request dialog: a version and an alias chosen from a list or typed, parsed into requestPromotion's input. */
export const RequestPromotionForm = z
  .object({
    modelId: RequestPromotionInput.shape.modelId,
    version: z.string().min(1, "Choose a version"),
    alias: z.string().min(1, "Choose an alias"),
    customAlias: z.string(),
    description: z.string().max(10_000),
  })
  .transform((v, ctx) => {
    const custom = v.alias === CUSTOM_ALIAS;
    const alias = AliasName.safeParse(custom ? v.customAlias : v.alias);
    if (!alias.success) {
      for (const issue of alias.error.issues) ctx.addIssue({ code: "custom", path: [custom ? "customAlias" : "alias"], message: issue.message });
      return z.NEVER;
    }
    const description = v.description.trim();
    return { modelId: v.modelId, version: Number(v.version), alias: alias.data, ...(description ? { description } : {}) };
  });
export type RequestPromotionFormValues = z.input<typeof RequestPromotionForm>;
