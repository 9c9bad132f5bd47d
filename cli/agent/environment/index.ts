import path from "node:path";
import type { ClaimedJob } from "../agent-api";
import { PrepareError } from "../workspace";
import { containerName, findContainerRuntime, runtimeProblem, unsupportedWithImage, type ContainerRuntime } from "./container";
import { queryCudaVersion } from "../../nvidia-smi";
import { InterpreterError } from "./python";
import { processEnv, type StepOutput } from "./step";
import { ensureVenv, VenvBuildError, type Venv } from "./venv";

export { captureEnvironment, type CapturedEnvironment } from "./capture";
export { containerEnv, containerRunArgs, type ContainerRuntime } from "./container";
export type { StepOutput } from "./step";

/** Where and how a job's command runs once its environment is ready. */
export type PreparedEnvironment =
  /** The agent's own Python (`--python` or python3), nothing built. */
  | { kind: "host"; python: string }
  | { kind: "venv"; python: string; venv: Venv }
  | { kind: "container"; image: string; runtime: ContainerRuntime; name: string };

export interface MaterializeInput {
  job: ClaimedJob;
  workDir: string;
  /** The agent's --python. */
  python?: string;
  /** The agent's environment without its secrets (inheritedEnv). */
  env: Record<string, string>;
  signal: AbortSignal;
  /** The job's log. */
  output: StepOutput;
}

/**
 * Makes the job's environment ready: checks CUDA, builds (or reuses) its virtualenv, or finds a
 * container runtime for its image. Throws PrepareError with the reason the job fails with.
 */
export async function materializeEnvironment(input: MaterializeInput): Promise<PreparedEnvironment> {
  const { job } = input;
  const host = { kind: "host", python: input.python ?? "python3" } as const;
  const environment = job.environment;
  if (!environment) return host;
  const { spec } = environment;
  if (spec.cuda) await requireCuda(spec.cuda, input.env);
  if (spec.image) {
    const extras = unsupportedWithImage(spec);
    if (extras.length > 0) {
      throw new PrepareError(
        `the environment ${environment.name}@${environment.version} gives a container image and ${extras.join(", ")}; this agent runs images as they are (install packages in the image instead)`,
      );
    }
    const runtime = await findContainerRuntime(input.env.PATH);
    if (!runtime) throw new PrepareError(`the environment needs the container image ${spec.image}, but neither docker nor podman is installed on this agent`);
    const problem = await runtimeProblem(runtime, input.env);
    if (problem) throw new PrepareError(`the environment needs the container image ${spec.image}, but ${runtime.kind} cannot run it here: ${problem}`);
    return { kind: "container", image: spec.image, runtime, name: containerName(job) };
  }
  const needsVenv = Boolean(spec.python || spec.packages?.length || spec.lockfile?.trim() || spec.setup?.length || spec.system_site_packages);
  if (!needsVenv) return host;
  try {
    const venv = await ensureVenv({
      envsDir: path.join(input.workDir, "envs"),
      digest: environment.digest,
      name: environment.name,
      version: environment.version,
      spec,
      python: input.python,
      env: input.env,
      signal: input.signal,
      output: input.output,
    });
    if (!venv.built) input.output("stdout", `using ${environment.name}@${environment.version} built ${venv.marker.built_at} (${venv.dir})`);
    return { kind: "venv", python: venv.python, venv };
  } catch (error) {
    if (error instanceof VenvBuildError || error instanceof InterpreterError) throw new PrepareError(error.message);
    throw error;
  }
}

async function requireCuda(wanted: string, env: Record<string, string>): Promise<void> {
  const have = await queryCudaVersion("nvidia-smi", processEnv(env));
  if (!have) throw new PrepareError(`the environment needs CUDA ${wanted}, but this agent has no NVIDIA driver that reports a CUDA version (nvidia-smi)`);
  if (compareVersions(have, wanted) < 0) throw new PrepareError(`the environment needs CUDA ${wanted}, but this agent's NVIDIA driver supports CUDA ${have} at most`);
}

/** Numeric, part by part: 12.10 > 12.4; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(".").map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
