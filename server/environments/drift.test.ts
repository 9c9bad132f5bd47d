import { describe, expect, it } from "vitest";
import { environmentDrift } from "./drift";

describe("environment drift", () => {
  const declared = { python: "3.11", packages: ["numpy==1.26.4", "scikit-learn==1.4.0", "torch>=2"], cuda: "12.1" };
  it("flags a pin that ran at another version or not at all, python and CUDA mismatches", () => {
    const captured = { python: "3.12.1", packages: ["NumPy==1.26.3", "torch==2.2.0"], cuda: "11.8" };
    expect(environmentDrift(declared, captured).map((d) => d.message)).toEqual([
      "numpy is pinned to 1.26.4 but 1.26.3 ran",
      "scikit-learn is pinned to 1.4.0 but was not installed",
      "python 3.11 was declared but 3.12.1 ran",
      "CUDA 12.1 was declared but the host had 11.8",
    ]);
  });
  it("is quiet when what ran matches, and compares a reproduction with its original", () => {
    const captured = { python: "3.11.2", packages: ["numpy==1.26.4", "scikit_learn==1.4.0", "torch==2.2.0"], cuda: "12.4", gpus: ["NVIDIA H100"], driver: "550.54" };
    expect(environmentDrift(declared, captured)).toEqual([]);
    const original = { ...captured, gpus: ["NVIDIA A100"], driver: "535.1", packages: ["numpy==1.26.4", "torch==2.1.0"] };
    expect(environmentDrift(declared, captured, original).map((d) => d.kind)).toEqual(["gpu", "driver", "package"]);
    expect(environmentDrift(null, null)).toEqual([]);
  });
});
