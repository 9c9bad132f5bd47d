import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EnvironmentSpec } from "../../../server/http/contracts/environments";
import { errorMessage } from "../../http/errors";
import { activateVenv } from "../job-env";
import { acquireLock } from "./lock";
import { resolveInterpreter } from "./python";
import { probe, runStep, type StepOutput } from "./step";

/** Written last, so a folder without it is a build that did not finish. */
export const MARKER = ".trainyard-env.json";
const LOCKFILE = "requirements.lock.txt";

export interface VenvMarker {
  digest: string;
  name: string;
  version: number;
  python: string;
  built_at: string;
  build_ms: number;
}

export interface VenvRequest {
  /** `<work-dir>/envs`. */
  envsDir: string;
  digest: string;
  name: string;
  version: number;
  spec: EnvironmentSpec;
  /** --python of the agent. */
  python?: string;
  /** The agent's environment, minus its secrets: pip reads PIP_INDEX_URL and friends from it. */
  env: Record<string, string>;
  signal: AbortSignal;
  output: StepOutput;
}

export interface Venv {
  dir: string;
  python: string;
  marker: VenvMarker;
  /** False when an earlier build was reused. */
  built: boolean;
}

/** A build step failed; `tail` is its last output, for jobs that waited on another job's build. */
export class VenvBuildError extends Error {
  constructor(
    message: string,
    readonly tail: string[],
  ) {
    super(message);
    this.name = "VenvBuildError";
  }
}

/** Builds in progress in this process, by folder: two jobs needing one environment build it once. */
const building = new Map<string, { promise: Promise<Venv>; signal: AbortSignal }>();

/** The folder name for a digest; anything but a plain hex digest is hashed so it cannot escape `envs/`. */
export function envFolderName(digest: string): string {
  return /^[0-9a-f]{16,128}$/i.test(digest) ? digest : createHash("sha256").update(digest).digest("hex");
}

/**
 * The virtualenv for an environment digest, built once per digest and reused by later jobs.
 * Within this process concurrent requests share one build; across agents a lock folder does.
 */
export async function ensureVenv(request: VenvRequest): Promise<Venv> {
  const dir = path.join(request.envsDir, envFolderName(request.digest));
  for (;;) {
    request.signal.throwIfAborted();
    const current = building.get(dir);
    if (!current) break;
    request.output("stdout", `waiting for another job on this agent that is building ${request.name}@${request.version}`);
    try {
      const venv = await untilAborted(current.promise, request.signal);
      return { ...venv, built: false };
    } catch (error) {
      // That job was cancelled mid-build: its build is not ours to give up, so start over.
      if (current.signal.aborted && !request.signal.aborted) continue;
      // This job's log did not show the build: give it the failing step's last lines.
      if (error instanceof VenvBuildError) for (const line of error.tail) request.output("stderr", line);
      throw error;
    }
  }
  const promise = reuseOrBuild(dir, request).finally(() => building.delete(dir));
  building.set(dir, { promise, signal: request.signal });
  return promise;
}

async function reuseOrBuild(dir: string, request: VenvRequest): Promise<Venv> {
  const ready = await usable(dir, request, true);
  if (ready) return ready;
  await mkdir(request.envsDir, { recursive: true });
  const lock = await acquireLock(`${dir}.lock`, {
    signal: request.signal,
    onWait: (owner) => request.output("stdout", `waiting for ${owner}, which is building ${request.name}@${request.version} in ${dir}`),
  });
  try {
    // Another agent may have built it while we waited for the lock.
    const built = await usable(dir, request, false);
    if (built) return built;
    return await build(dir, request);
  } finally {
    await lock.release();
  }
}

/** The venv in `dir` when its build finished and its interpreter still runs. */
async function usable(dir: string, request: VenvRequest, report: boolean): Promise<Venv | null> {
  let marker: VenvMarker;
  try {
    marker = JSON.parse(await readFile(path.join(dir, MARKER), "utf8")) as VenvMarker;
  } catch {
    return null;
  }
  const python = path.join(dir, "bin", "python");
  const check = await probe(python, ["-c", "import sys"], { env: request.env, timeoutMs: 30_000 });
  if (marker.digest !== request.digest || !check || check.code !== 0) {
    if (report) request.output("stderr", `the environment in ${dir} is broken (${python} does not run); rebuilding it`);
    return null;
  }
  return { dir, python, marker, built: false };
}

/** Builds the venv in its final folder (venvs cannot be moved: scripts name their interpreter by path). */
async function build(dir: string, request: VenvRequest): Promise<Venv> {
  const { spec, output, signal } = request;
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  try {
    const base = await resolveInterpreter(spec.python, request.python, request.env);
    output("stdout", `building ${request.name}@${request.version} with Python ${base.version} (${base.executable}) in ${dir}`);
    /** Runs one step; `label` names it in the failure reason, where full paths would drown it. */
    const step = async (label: string, command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; shown?: string } = {}) => {
      const shown = options.shown ?? [command, ...args].join(" ");
      output("stdout", `$ ${shown}`);
      let result;
      try {
        result = await runStep(command, args, { cwd: options.cwd, env: options.env ?? request.env, signal, output });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new VenvBuildError(`building environment ${request.name}@${request.version} failed: cannot run \`${short(label)}\`: ${errorMessage(error)}`, []);
      }
      if (result.code !== 0) {
        const how = result.code === null ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
        throw new VenvBuildError(`building environment ${request.name}@${request.version} failed: \`${short(label)}\` ${how}`, result.tail);
      }
    };
    const venvArgs = ["-m", "venv", ...(spec.system_site_packages ? ["--system-site-packages"] : [])];
    await step(`python${base.version.split(".").slice(0, 2).join(".")} ${venvArgs.join(" ")}`, base.executable, [...venvArgs, dir]);
    const python = path.join(dir, "bin", "python");
    const pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input"];
    if (spec.packages?.length) {
      await step(`pip install ${spec.packages.join(" ")}`, pip[0]!, [...pip.slice(1), ...spec.packages]);
    } else if (spec.lockfile?.trim()) {
      const file = path.join(dir, LOCKFILE);
      await writeFile(file, spec.lockfile.endsWith("\n") ? spec.lockfile : `${spec.lockfile}\n`);
      await step(`pip install --require-hashes -r ${LOCKFILE}`, pip[0]!, [...pip.slice(1), "--require-hashes", "-r", file]);
    }
    // Setup commands run as in an activated venv, with the environment's own variables.
    const setupEnv = activateVenv({ ...request.env, ...spec.env }, dir);
    for (const command of spec.setup ?? []) {
      await step(command, "/bin/sh", ["-c", command], { cwd: dir, env: setupEnv, shown: command });
    }
    const marker: VenvMarker = {
      digest: request.digest,
      name: request.name,
      version: request.version,
      python: base.version,
      built_at: new Date().toISOString(),
      build_ms: Date.now() - started,
    };
    // Write-then-rename: a reader sees the whole marker or none.
    await writeFile(path.join(dir, `${MARKER}.tmp`), `${JSON.stringify(marker, null, 2)}\n`);
    await rename(path.join(dir, `${MARKER}.tmp`), path.join(dir, MARKER));
    output("stdout", `built ${request.name}@${request.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { dir, python, marker, built: true };
  } catch (error) {
    // A half-built venv is never used (it has no marker); deleting it gives its disk space back now.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}

const short = (command: string) => (command.length > 200 ? `${command.slice(0, 200)}…` : command);

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
