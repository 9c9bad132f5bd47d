import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

interface Rules {
  /** The folder the .gitignore sits in, relative to the root, posix style ("" for the root). */
  base: string;
  rules: Ignore;
}

/**
 * Lists what a code snapshot holds: every file and symlink under `root`, as sorted posix paths,
 * minus what the root and nested .gitignore files exclude, and never anything under `.git`.
 * As in git, a deeper .gitignore can re-include what a shallower one excluded, but nothing inside an
 * excluded folder comes back.
 */
export async function selectFiles(root: string): Promise<string[]> {
  const selected: string[] = [];
  await walk(root, "", [], selected);
  return selected.sort();
}

async function walk(root: string, dir: string, inherited: Rules[], selected: string[]): Promise<void> {
  const absolute = path.join(root, dir);
  const entries = await readdir(absolute, { withFileTypes: true });
  const rules = [...inherited];
  const gitignore = entries.find((e) => e.name === ".gitignore" && e.isFile());
  if (gitignore) rules.push({ base: dir, rules: ignore().add(await readFile(path.join(absolute, ".gitignore"), "utf8")) });
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!isIgnored(rules, `${relative}/`)) await walk(root, relative, rules, selected);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && !isIgnored(rules, relative)) {
      // Sockets and FIFOs have no place in an archive of source code.
      selected.push(relative);
    }
  }
}

/** The deepest .gitignore with an opinion on the path decides, as in git. */
function isIgnored(rules: Rules[], relative: string): boolean {
  let ignored = false;
  for (const { base, rules: set } of rules) {
    const local = base === "" ? relative : relative.slice(base.length + 1);
    const verdict = set.test(local);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}
