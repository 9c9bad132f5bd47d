import { describe, expect, it } from "vitest";
import { aliasChoices, CUSTOM_ALIAS, RequestPromotionForm } from "./request-form";

describe("aliasChoices", () => {
  it("puts staging and production first and lists every other alias once", () => {
    expect(aliasChoices(["production", "canary"], ["shadow", "canary", "staging"])).toEqual(["staging", "production", "canary", "shadow"]);
    expect(aliasChoices()).toEqual(["staging", "production"]);
  });
});

describe("RequestPromotionForm", () => {
  const base = { modelId: "mdl_1", version: "2", alias: "production", customAlias: "", description: "" };
  it("gives requestPromotion's input, without an empty description", () => {
    expect(RequestPromotionForm.parse(base)).toEqual({ modelId: "mdl_1", version: 2, alias: "production" });
    expect(RequestPromotionForm.parse({ ...base, description: " better on val " })).toMatchObject({ description: "better on val" });
  });

  it("takes a typed alias and says what is wrong with it on that field", () => {
    expect(RequestPromotionForm.parse({ ...base, alias: CUSTOM_ALIAS, customAlias: " canary " })).toMatchObject({ alias: "canary" });
    const bad = RequestPromotionForm.safeParse({ ...base, alias: CUSTOM_ALIAS, customAlias: "v2" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["customAlias"]);
    expect(RequestPromotionForm.safeParse({ ...base, version: "" }).error!.issues[0]!.path).toEqual(["version"]);
  });
});
