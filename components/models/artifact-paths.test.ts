import { describe, expect, it } from "vitest";
import { artifactPathOptions, suggestedArtifactPath } from "./artifact-paths";

describe("artifactPathOptions", () => {
  it("lists files and every parent folder, a folder right before its contents, with counts and sizes", () => {
    const options = artifactPathOptions([
      { path: "model-card.md", size: 5 },
      { path: "model/weights.bin", size: 100 },
      { path: "model/tokenizer/vocab.txt", size: 10 },
      { path: "eval.json", size: 1 },
    ]);
    expect(options).toEqual([
      { path: "eval.json", kind: "file", files: 1, size: 1 },
      { path: "model", kind: "folder", files: 2, size: 110 },
      { path: "model/tokenizer", kind: "folder", files: 1, size: 10 },
      { path: "model/tokenizer/vocab.txt", kind: "file", files: 1, size: 10 },
      { path: "model/weights.bin", kind: "file", files: 1, size: 100 },
      { path: "model-card.md", kind: "file", files: 1, size: 5 },
    ]);
  });

  it("is empty for a run without artifacts", () => {
    expect(artifactPathOptions([])).toEqual([]);
  });
});

describe("suggestedArtifactPath", () => {
  it("takes the only file", () => {
    expect(suggestedArtifactPath(artifactPathOptions([{ path: "model/weights.bin", size: 3 }]))).toBe("model/weights.bin");
  });

  it("takes the deepest folder that holds every file", () => {
    const options = artifactPathOptions([
      { path: "out/model/a.bin", size: 1 },
      { path: "out/model/b.bin", size: 1 },
    ]);
    expect(suggestedArtifactPath(options)).toBe("out/model");
  });

  it("leaves the choice open when the files share no folder, or there are none", () => {
    expect(suggestedArtifactPath(artifactPathOptions([{ path: "a.bin", size: 1 }, { path: "b/c.bin", size: 1 }]))).toBeNull();
    expect(suggestedArtifactPath([])).toBeNull();
  });
});
