import type { EnvironmentSpec } from "../../../server/http/contracts/environments";
import type { ClaimedJob } from "../agent-api";
import { which } from "./python";
import { probe } from "./step";

export interface ContainerRuntime {
  kind: "docker" | "podman";
  /** The executable found on PATH. */
  command: string;
}

/** Where the job's code is mounted inside the container, and its working directory. */
export const WORKSPACE = "/workspace";
/** Where this checkout's sdk/python is mounted read-only, for `import trainyard`. */
export const CONTAINER_SDK = "/opt/trainyard/sdk";

/** docker, else podman, from the agent's PATH; null when there is neither. */
export async function findContainerRuntime(pathList: string | undefined): Promise<ContainerRuntime | null> {
  for (const kind of ["docker", "podman"] as const) {
    const command = await which(kind, pathList);
    if (command) return { kind, command };
  }
  return null;
}

/** Null when the runtime answers, else why not (docker without a reachable daemon, say). */
export async function runtimeProblem(runtime: ContainerRuntime, env: Record<string, string>): Promise<string | null> {
  const answer = await probe(runtime.command, ["version"], { env, timeoutMs: 20_000 });
  if (!answer) return `${runtime.kind} version did not answer`;
  if (answer.code === 0) return null;
  const last = answer.stderr.split("\n").findLast((l) => l.trim().length > 0) ?? answer.stdout.split("\n").findLast((l) => l.trim().length > 0);
  return last?.trim() ?? `${runtime.kind} version exited with code ${answer.code}`;
}

/** v1 runs an image as it is: installing Python packages into it is for the image's own build. */
export function unsupportedWithImage(spec: EnvironmentSpec): string[] {
  const fields: string[] = [];
  if (spec.python) fields.push("python");
  if (spec.packages?.length) fields.push("packages");
  if (spec.lockfile?.trim()) fields.push("lockfile");
  if (spec.setup?.length) fields.push("setup");
  if (spec.system_site_packages) fields.push("system_site_packages");
  return fields;
}

/** Unique per attempt, so a container a crashed agent left behind never blocks the retry. */
export function containerName(job: Pick<ClaimedJob, "id" | "attempt">): string {
  return `trainyard-${job.id}-${job.attempt}`.replace(/[^a-zA-Z0-9_.-]/g, "-");
}

export interface ContainerLaunch {
  runtime: ContainerRuntime;
  image: string;
  name: string;
  codeDir: string;
  command: string;
  /** Host GPU indices given to the job. */
  gpus: number[];
  /** Variables passed in by name (`-e NAME`): values stay off the command line, where `ps` shows them. */
  envNames: string[];
  sdkPath?: string | null;
}

/** Arguments of `<runtime> run` for a job. */
export function containerRunArgs(launch: ContainerLaunch): string[] {
  const args = ["run", "--rm", "--init", "--name", launch.name, "--network", "host"];
  args.push("-v", `${launch.codeDir}:${WORKSPACE}`, "-w", WORKSPACE);
  if (launch.sdkPath) args.push("-v", `${launch.sdkPath}:${CONTAINER_SDK}:ro`);
  for (const name of launch.envNames) args.push("-e", name);
  if (launch.gpus.length > 0) {
    // docker reads --gpus as CSV: the quotes keep "device=0,1" one field.
    if (launch.runtime.kind === "docker") args.push("--gpus", `"device=${launch.gpus.join(",")}"`);
    else for (const gpu of launch.gpus) args.push("--device", `nvidia.com/gpu=${gpu}`);
  }
  args.push(launch.image, "/bin/sh", "-c", launch.command);
  return args;
}

/**
 * The variables a containerised job gets, from the job's full environment: its run's, the spec's,
 * and CUDA_VISIBLE_DEVICES counted from 0, since the container sees only its own GPUs.
 */
export function containerEnv(jobEnv: Record<string, string>, spec: EnvironmentSpec, gpus: number[], sdkMounted: boolean): { env: Record<string, string>; names: string[] } {
  const env: Record<string, string> = { ...jobEnv, CUDA_VISIBLE_DEVICES: gpus.map((_, i) => i).join(",") };
  const names = new Set(Object.keys(jobEnv).filter((n) => n.startsWith("TRAINYARD_") || n.startsWith("MLFLOW_")));
  for (const name of [...Object.keys(spec.env ?? {}), "PYTHONUNBUFFERED", "CUDA_VISIBLE_DEVICES"]) names.add(name);
  const pythonPath = [sdkMounted ? CONTAINER_SDK : "", spec.env?.PYTHONPATH ?? ""].filter(Boolean).join(":");
  if (pythonPath) {
    env.PYTHONPATH = pythonPath;
    names.add("PYTHONPATH");
  } else {
    names.delete("PYTHONPATH");
  }
  return { env, names: [...names].sort() };
}
