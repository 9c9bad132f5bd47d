import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { list } from "tar";
import { describe, expect, it } from "vitest";
import { packSnapshot } from "./pack";
import { selectFiles } from "./select-files";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "trainyard-snapshot-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe("selectFiles", () => {
  it("honours the root and nested .gitignore files and never takes .git", async () => {
    const root = tree({
      ".gitignore": "*.ckpt\n/data/\nnode_modules/\n",
      ".git/HEAD": "ref: refs/heads/main\n",
      ".git/objects/ab/cdef": "blob",
      "train.py": "print(1)\n",
      "model.ckpt": "weights",
      "data/big.bin": "x",
      "src/data/loader.py": "# only the root data/ is anchored\n",
      "src/.gitignore": "*.log\n!keep.log\nscratch/\n",
      "src/run.log": "noise",
      "src/keep.log": "wanted",
      "src/scratch/tmp.py": "",
      "src/model.ckpt": "the root pattern reaches down",
      "notes/run.log": "the nested rule stays in src/",
      "vendor/node_modules/x/index.js": "",
      "vendor/lib/.git": "gitdir: ../../.git/modules/lib\n",
      "vendor/lib/lib.py": "",
    });
    expect(await selectFiles(root)).toEqual([
      ".gitignore",
      "notes/run.log",
      "src/.gitignore",
      "src/data/loader.py",
      "src/keep.log",
      "train.py",
      "vendor/lib/lib.py",
    ]);
  });

  it("lets a deeper .gitignore re-include a file, but not one inside an ignored folder", async () => {
    const root = tree({
      ".gitignore": "*.csv\nbuild/\n",
      "sets/.gitignore": "!labels.csv\n",
      "sets/labels.csv": "a,b",
      "sets/raw.csv": "1,2",
      "build/.gitignore": "!out.txt\n",
      "build/out.txt": "",
    });
    expect(await selectFiles(root)).toEqual([".gitignore", "sets/.gitignore", "sets/labels.csv"]);
  });

  it("keeps symlinks as links without following them", async () => {
    const root = tree({ "real/a.py": "" });
    symlinkSync("real", path.join(root, "alias"));
    expect(await selectFiles(root)).toEqual(["alias", "real/a.py"]);
  });

  it("packs the same tree into the same bytes", async () => {
    const root = tree({ "a.py": "1", "pkg/b.py": "2" });
    const files = await selectFiles(root);
    const out = mkdtempSync(path.join(tmpdir(), "trainyard-pack-"));
    const first = await packSnapshot(root, files, path.join(out, "1.tar.gz"));
    const second = await packSnapshot(root, files, path.join(out, "2.tar.gz"));
    expect(second.sha256).toBe(first.sha256);
    const entries: string[] = [];
    await list({ file: first.file, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(["a.py", "pkg/b.py"]);
  });
});
