import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface GitProvenance {
  git_url?: string;
  commit: string;
  /** sha256 of the uncommitted changes (tracked diff plus untracked files), when there are any. */
  dirty_sha256?: string;
}

async function git(dir: string, args: string[]): Promise<Buffer | null> {
  try {
    const { stdout } = await exec("git", ["-C", dir, ...args], { encoding: "buffer", maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch {
    return null;
  }
}

/**
 * Where an uploaded folder came from when it is inside a git checkout: the commit, the remote,
 * and whether the folder differs from that commit, so the run says "this commit, plus changes".
 * Null when the folder is not in a git repository (or git is missing).
 */
export async function gitProvenance(dir: string): Promise<GitProvenance | null> {
  const head = (await git(dir, ["rev-parse", "HEAD"]))?.toString().trim();
  if (!head || !/^[0-9a-f]{40,64}$/.test(head)) return null;
  const remote = (await git(dir, ["remote", "get-url", "origin"]))?.toString().trim();
  const diff = (await git(dir, ["diff", "HEAD", "--binary", "--", "."])) ?? Buffer.alloc(0);
  const untracked = (await git(dir, ["ls-files", "--others", "--exclude-standard", "-z", "--", "."])) ?? Buffer.alloc(0);
  const provenance: GitProvenance = { commit: head, ...(remote ? { git_url: remote } : {}) };
  if (diff.length > 0 || untracked.length > 0) {
    const hash = createHash("sha256").update(diff);
    for (const file of untracked.toString().split("\0").filter(Boolean)) {
      hash.update(`\0untracked\0${file}\0`);
      hash.update((await git(dir, ["hash-object", "--", file])) ?? Buffer.alloc(0));
    }
    provenance.dirty_sha256 = hash.digest("hex");
  }
  return provenance;
}
