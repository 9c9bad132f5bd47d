import { describe, expect, it } from "vitest";
import { canonicalize, digestOf, parseSpec, specToYaml, unpinnedItems } from "./canonical";

const digest = (text: string) => digestOf(canonicalize(parseSpec(text)));

describe("environment spec canonicalisation", () => {
  it("gives the same digest for the same spec in another key order, spelling and whitespace", () => {
    const a = `python: "3.11"\npackages:\n  - Scikit_Learn == 1.4.0\n  - numpy==1.26.4\nenv:\n  B: "2"\n  A: "1"\n`;
    const b = `{"env": {"A": "1", "B": "2"}, "packages": ["numpy==1.26.4", "scikit-learn==1.4.0"], "python": "3.11", "system_site_packages": false}`;
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(a)).not.toBe(digest(b.replace("1.26.4", "1.26.3")));
    expect(canonicalize(parseSpec(a)).packages).toEqual(["numpy==1.26.4", "scikit-learn==1.4.0"]);
  });

  it("normalises lockfiles: continuation lines, comments, hash order, requirement order", () => {
    const one = "# generated\nrequests==2.31.0 \\\n    --hash=sha256:bbb \\\n    --hash=sha256:aaa\nIdna==3.6 --hash=sha256:ccc\n";
    const two = "idna==3.6 --hash=sha256:ccc\nrequests==2.31.0 --hash=sha256:aaa --hash=sha256:bbb\n";
    expect(digest(`lockfile: |\n${one.replace(/^/gm, "  ")}`)).toBe(digest(JSON.stringify({ lockfile: two })));
    expect(canonicalize(parseSpec({ lockfile: two })).lockfile).toBe("idna==3.6 --hash=sha256:ccc\nrequests==2.31.0 --hash=sha256:aaa --hash=sha256:bbb");
  });

  it("marks a spec pinned only when every package is exact and the image has a digest", () => {
    expect(unpinnedItems(canonicalize(parseSpec({ packages: ["numpy==1.26.4", "torch===2.2.0"] })))).toEqual([]);
    expect(unpinnedItems(canonicalize(parseSpec({ system_site_packages: true })))).toEqual([]);
    expect(unpinnedItems(canonicalize(parseSpec({ packages: ["numpy>=1.26", "scipy", "pandas==2.*", "torch==2.2.0"] })))).toEqual([
      "package numpy>=1.26 is not pinned to one version (name==version)",
      "package pandas==2.* is not pinned to one version (name==version)",
      "package scipy is not pinned to one version (name==version)",
    ]);
    expect(unpinnedItems(canonicalize(parseSpec({ lockfile: "a==1 --hash=sha256:x\nb==2\n" })))).toEqual(["lockfile requirement b==2 has no --hash"]);
    expect(unpinnedItems(canonicalize(parseSpec({ image: "pytorch/pytorch:2.2.0" })))).toEqual(["image pytorch/pytorch:2.2.0 has no @sha256: digest"]);
    expect(unpinnedItems(canonicalize(parseSpec({ image: `pytorch/pytorch@sha256:${"a".repeat(64)}` })))).toEqual([]);
  });

  it("refuses invalid specs with a readable message", () => {
    expect(() => parseSpec("python: [3")).toThrow(/not valid YAML at line 1/);
    expect(() => parseSpec({ python: "2.7" })).toThrow(/python is a version like 3.11/);
    expect(() => parseSpec({ packages: ["numpy==1"], lockfile: "x==1" })).toThrow(/packages or a lockfile, not both/);
    expect(() => parseSpec({ pakages: [] })).toThrow(/Unrecognized key/);
  });

  it("renders the canonical spec as YAML in a fixed order", () => {
    expect(specToYaml(canonicalize(parseSpec({ setup: ["echo hi"], python: "3.11", env: { Z: "1" } })))).toBe('python: "3.11"\nenv:\n  Z: "1"\nsetup:\n  - echo hi\n');
  });
});
