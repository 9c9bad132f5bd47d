import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The sdk/python folder of the checkout this CLI runs from, or null. Searched upwards because the
 * code runs from cli/agent/ as source and from cli/dist/ once bundled.
 */
export function findPythonSdk(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, "sdk", "python");
    if (existsSync(path.join(candidate, "trainyard", "__init__.py"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}
