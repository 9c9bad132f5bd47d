export interface KeyGroup {
  /** The part before the first "/" (`train` for `train/loss`); "" for keys without a prefix. */
  prefix: string;
  keys: string[];
}

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Groups metric keys by prefix, prefixes in natural order, keys without a prefix last. */
export function groupMetricKeys(keys: readonly string[]): KeyGroup[] {
  const groups = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const slash = key.indexOf("/");
    const prefix = slash > 0 ? key.slice(0, slash) : "";
    const list = groups.get(prefix);
    if (list) list.push(key);
    else groups.set(prefix, [key]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : natural.compare(a, b)))
    .map(([prefix, list]) => ({ prefix, keys: list.sort(natural.compare) }));
}
