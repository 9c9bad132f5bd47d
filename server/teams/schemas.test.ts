import { describe, expect, it } from "vitest";
import { slugify } from "@/components/projects/slugify";
import { Slug } from "./schemas";

describe("slugs", () => {
  it("accepts lowercase words joined by inner hyphens", () => {
    for (const s of ["ml", "vision-team", "a1-b2-c3"]) expect(Slug.safeParse(s).success).toBe(true);
  });

  it("refuses uppercase, spaces, edge hyphens and extremes of length", () => {
    for (const s of ["ML", "a b", "-a", "a-", "x", "a".repeat(49), "ünï"]) expect(Slug.safeParse(s).success).toBe(false);
  });

  it("suggests a valid slug from a display name", () => {
    expect(slugify("My Vision Team!")).toBe("my-vision-team");
    expect(slugify("  Ünïcode Naïve  ")).toBe("unicode-naive");
    for (const name of ["A/B testing", "x".repeat(80) + " y", "Hello -- World"]) {
      expect(Slug.safeParse(slugify(name)).success).toBe(true);
    }
  });
});
