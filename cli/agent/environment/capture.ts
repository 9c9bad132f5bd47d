import { readFile } from "node:fs/promises";
import os from "node:os";
import type { z } from "zod";
import type { CapturedEnvironmentBody } from "../../../server/http/contracts/environments";
import { queryCudaVersion, queryDriver } from "../../nvidia-smi";
import { probe, processEnv } from "./step";

export type CapturedEnvironment = z.input<typeof CapturedEnvironmentBody>;

// The contract's limits: a longer value would get the whole `started` report refused.
const MAX_PACKAGES = 5000;
const MAX_PACKAGE_CHARS = 500;

export interface CaptureInput {
  /** The interpreter the job runs with; none for a container (what runs inside is the image's). */
  python?: string;
  /** The job's environment, for PATH and for pip's own settings. */
  env: Record<string, string>;
  /** Host GPU indices the job was given: their names are reported. */
  gpus: number[];
}

/** What the job actually runs with. Best effort: a missing tool leaves its field out, never fails the job. */
export async function captureEnvironment({ python, env, gpus }: CaptureInput): Promise<CapturedEnvironment> {
  const [version, packages, osName, driver, cuda] = await Promise.all([
    python ? pythonVersion(python, env) : undefined,
    python ? pipFreeze(python, env) : undefined,
    osDescription(),
    queryDriver("nvidia-smi", processEnv(env)),
    queryCudaVersion("nvidia-smi", processEnv(env)),
  ]);
  const captured: CapturedEnvironment = {};
  if (version) captured.python = version.slice(0, 200);
  if (packages) captured.packages = packages;
  if (osName) captured.os = osName.slice(0, 500);
  if (driver) {
    captured.driver = driver.driver.slice(0, 100);
    const names = gpus.map((i) => driver.names[i]).filter((n): n is string => n !== undefined);
    if (names.length > 0) captured.gpus = names.map((n) => n.slice(0, 200)).slice(0, 64);
  }
  if (cuda) captured.cuda = cuda;
  return captured;
}

async function pythonVersion(python: string, env: Record<string, string>): Promise<string | undefined> {
  const answer = await probe(python, ["-c", "import platform; print(platform.python_version())"], { env, timeoutMs: 20_000 });
  const version = answer?.code === 0 ? answer.stdout.trim() : "";
  return version || undefined;
}

async function pipFreeze(python: string, env: Record<string, string>): Promise<string[] | undefined> {
  const answer = await probe(python, ["-m", "pip", "freeze", "--all", "--disable-pip-version-check"], { env, timeoutMs: 60_000 });
  if (answer?.code !== 0) return undefined;
  return answer.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .map((l) => l.slice(0, MAX_PACKAGE_CHARS))
    .slice(0, MAX_PACKAGES);
}

/** `Linux 6.1.0-18-amd64 (Debian GNU/Linux 12 (bookworm))`. */
export async function osDescription(osRelease = "/etc/os-release"): Promise<string> {
  const kernel = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME=(.*)$/m.exec(await readFile(osRelease, "utf8"))?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2");
    return pretty ? `${kernel} (${pretty})` : kernel;
  } catch {
    return kernel;
  }
}
