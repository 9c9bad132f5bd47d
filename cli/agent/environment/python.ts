import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { probe } from "./step";

export interface Interpreter {
  /** The real executable (sys.executable), so a pyenv shim is never what a venv points to. */
  executable: string;
  /** platform.python_version(), e.g. 3.11.7. */
  version: string;
}

/** Why no interpreter fits: the job fails with this as its reason. */
export class InterpreterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterpreterError";
  }
}

const SHOW = "import platform, sys; print(platform.python_version()); print(sys.executable)";

/** Runs a candidate and reads its version; null when it is missing or broken (a pyenv shim of an uninstalled version). */
export async function inspectInterpreter(command: string, env: Record<string, string>): Promise<Interpreter | null> {
  const result = await probe(command, ["-c", SHOW], { env, timeoutMs: 20_000 });
  if (!result || result.code !== 0) return null;
  const [version, executable] = result.stdout.trim().split("\n").map((l) => l.trim());
  if (!version || !/^\d+\.\d+/.test(version)) return null;
  return { version, executable: executable || command };
}

/** `3.11.7` matches 3, 3.11 and 3.11.7, but not 3.1. */
export function versionMatches(actual: string, wanted: string): boolean {
  return actual === wanted || actual.startsWith(`${wanted}.`);
}

/** The first executable `name` on `PATH`, or null. */
export async function which(name: string, pathList: string | undefined): Promise<string | null> {
  if (name.includes("/")) return name;
  for (const dir of (pathList ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return null;
}

/**
 * The interpreter a job's environment is built from. With `wanted` (the spec's `python`), the first
 * that matches among: --python, python<major.minor> on PATH, /usr/bin/python<major.minor>, python3;
 * without it, --python or python3.
 */
export async function resolveInterpreter(wanted: string | undefined, option: string | undefined, env: Record<string, string>): Promise<Interpreter> {
  const fallback = option ?? "python3";
  if (!wanted) {
    const found = await inspectInterpreter(fallback, env);
    if (!found) throw new InterpreterError(`no usable Python interpreter: ${fallback} does not run on this agent`);
    return found;
  }
  const minor = wanted.split(".").slice(0, 2).join(".");
  const candidates = [option, `python${minor}`, `/usr/bin/python${minor}`, "python3"].filter((c): c is string => Boolean(c));
  const seen: string[] = [];
  const tried = new Set<string>();
  for (const candidate of candidates) {
    const located = await which(candidate, env.PATH);
    if (!located || tried.has(located)) continue;
    tried.add(located);
    const found = await inspectInterpreter(located, env);
    if (!found) continue;
    if (versionMatches(found.version, wanted)) return found;
    seen.push(`${found.version} (${located})`);
  }
  const has = seen.length > 0 ? `this host has ${seen.join(", ")}` : "this host has no Python interpreter that runs";
  throw new InterpreterError(`python ${wanted} requested; ${has}`);
}
