/** What a version may be registered from: one artifact file, or a folder and every file under it. */
export interface ArtifactPathOption {
  path: string;
  kind: "file" | "folder";
  /** Files the version would hold: 1 for a file. */
  files: number;
  /** Their total size in bytes. */
  size: number;
}

const segments = (path: string) => path.split("/");

/** Path order by segments, so a folder comes right before what is inside it ("a", "a/x", "a-b"). */
function comparePaths(a: string, b: string): number {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  }
  return sa.length - sb.length;
}

/** The run's files and each folder above them, with how many files and bytes each would register. */
export function artifactPathOptions(artifacts: readonly { path: string; size: number }[]): ArtifactPathOption[] {
  const folders = new Map<string, ArtifactPathOption>();
  const files: ArtifactPathOption[] = [];
  for (const a of artifacts) {
    files.push({ path: a.path, kind: "file", files: 1, size: a.size });
    const parts = segments(a.path);
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join("/");
      const entry = folders.get(folder) ?? { path: folder, kind: "folder" as const, files: 0, size: 0 };
      entry.files += 1;
      entry.size += a.size;
      folders.set(folder, entry);
    }
  }
  return [...folders.values(), ...files].sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * A sensible first choice: the only file when there is one, else the deepest folder holding every
 * file (a model saved as a directory), else nothing: the person picks.
 */
export function suggestedArtifactPath(options: readonly ArtifactPathOption[]): string | null {
  const files = options.filter((o) => o.kind === "file");
  if (files.length === 0) return null;
  if (files.length === 1) return files[0]!.path;
  const holdingAll = options.filter((o) => o.kind === "folder" && o.files === files.length);
  return holdingAll.reduce<string | null>((best, o) => (best === null || o.path.length > best.length ? o.path : best), null);
}
