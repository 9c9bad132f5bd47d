import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitProvenance } from "./git-provenance";

const dir = mkdtempSync(path.join(tmpdir(), "trainyard-prov-"));
const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], { cwd: dir }).toString().trim();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("git provenance of an uploaded folder", () => {
  it("is null outside a repository, then records the commit and flags uncommitted changes", async () => {
    expect(await gitProvenance(dir)).toBeNull();
    git("init", "-q");
    writeFileSync(path.join(dir, "train.py"), "print(1)\n");
    git("add", ".");
    git("commit", "-qm", "one");
    git("remote", "add", "origin", "https://git.example.com/org/repo.git");
    const head = git("rev-parse", "HEAD");
    expect(await gitProvenance(dir)).toEqual({ commit: head, git_url: "https://git.example.com/org/repo.git" });

    writeFileSync(path.join(dir, "train.py"), "print(2)\n");
    const edited = await gitProvenance(dir);
    expect(edited).toMatchObject({ commit: head, dirty_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    writeFileSync(path.join(dir, "notes.txt"), "new file\n");
    const withUntracked = await gitProvenance(dir);
    expect(withUntracked!.dirty_sha256).not.toBe(edited!.dirty_sha256);
    // The same changes give the same digest.
    expect((await gitProvenance(dir))!.dirty_sha256).toBe(withUntracked!.dirty_sha256);
  });
});
