import { describe, expect, it } from "vitest";
import { Labels } from "@/server/compute/schemas";
import { keyValueLines } from "./key-value-lines";

const labels = keyValueLines(Labels);

describe("keyValueLines", () => {
  it("parses one pair per line, skipping blanks and splitting at the first =", () => {
    expect(labels.parse("gpu=a100\n\n  zone = eu-1 \nexpr=a=b\nempty=")).toEqual({ gpu: "a100", zone: "eu-1", expr: "a=b", empty: "" });
  });

  it("reads empty text as an empty record", () => {
    expect(labels.parse("  \n")).toEqual({});
  });

  it("names the line that is not key=value", () => {
    const result = labels.safeParse("gpu=a100\nno-equals");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["Line 2: expected key=value"]);
  });

  it("reports the record schema's rules with the key", () => {
    const result = labels.safeParse(`k=${"v".repeat(64)}`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^k: /);
  });
});
