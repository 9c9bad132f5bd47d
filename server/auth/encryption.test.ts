import { describe, expect, it } from "vitest";
import { deriveKey, seal, unseal } from "./encryption";

describe("sealing stored secrets", () => {
  const key = deriveKey("s".repeat(32), "trainyard webhook secrets");

  it("round-trips, with a fresh IV each time", () => {
    const a = seal(key, "whsec_abc", "wh_1");
    const b = seal(key, "whsec_abc", "wh_1");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\./);
    expect(a).not.toContain("whsec_abc");
    expect(unseal(key, a, "wh_1")).toBe("whsec_abc");
  });

  it("does not open under another server secret, purpose or context, or when altered", () => {
    const sealed = seal(key, "whsec_abc", "wh_1");
    expect(() => unseal(deriveKey("t".repeat(32), "trainyard webhook secrets"), sealed, "wh_1")).toThrow();
    expect(() => unseal(deriveKey("s".repeat(32), "trainyard slurm tokens"), sealed, "wh_1")).toThrow();
    expect(() => unseal(key, sealed, "wh_2")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("whsec_abd").toString("base64url");
    expect(() => unseal(key, parts.join("."), "wh_1")).toThrow();
    expect(() => unseal(key, "plain", "wh_1")).toThrow("not a sealed value");
  });
});
