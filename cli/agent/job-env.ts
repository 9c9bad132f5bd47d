import path from "node:path";
import type { ClaimedJob } from "./agent-api";

export interface JobEnvInput {
  job: ClaimedJob;
  server: string;
  /** The agent's own environment, which jobs inherit. */
  base: Environment;
  /** sdk/python of this checkout, put on PYTHONPATH so `import trainyard` works in jobs. */
  sdkPath?: string | null;
  /** An interpreter chosen with --python: its folder goes first on PATH (unless a virtualenv does). */
  python?: string;
  /** The virtualenv built for the job's environment: its bin/ goes first on PATH. */
  venv?: string;
}

/** Like process.env, minus the NODE_ENV that Next's typings make mandatory. */
export type Environment = Record<string, string | undefined>;

/** Variables that belong to the agent, never to the jobs it runs. */
const AGENT_ONLY = new Set(["TRAINYARD_AGENT_TOKEN", "TRAINYARD_PASSWORD"]);

export function paramEnvName(key: string): string {
  return `TRAINYARD_PARAM_${key.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** The agent's environment as anything it starts for a job sees it: without the agent's secrets. */
export function inheritedEnv(base: Environment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    // A param the agent inherited from its own shell must not leak into a job that did not set it.
    if (value === undefined || AGENT_ONLY.has(name) || name.startsWith("TRAINYARD_PARAM_")) continue;
    env[name] = value;
  }
  return env;
}

/** `PATH` and `VIRTUAL_ENV` as `source bin/activate` would set them. */
export function activateVenv(env: Record<string, string>, venv: string): Record<string, string> {
  const activated: Record<string, string> = { ...env, VIRTUAL_ENV: venv, PATH: prependPath(path.join(venv, "bin"), env.PATH) };
  delete activated.PYTHONHOME;
  return activated;
}

export function jobEnv({ job, server, base, sdkPath, python, venv }: JobEnvInput): Record<string, string> {
  const env = inheritedEnv(base);
  env.PYTHONUNBUFFERED = "1";
  // The environment's variables win over the agent's, but never over those that tie the job to its run.
  Object.assign(env, job.environment?.spec.env ?? {});
  Object.assign(env, {
    CUDA_VISIBLE_DEVICES: job.gpus.join(","),
    TRAINYARD_URL: server,
    TRAINYARD_TOKEN: job.run_token,
    TRAINYARD_RUN_ID: job.run_id,
    TRAINYARD_JOB_ID: job.id,
    MLFLOW_TRACKING_URI: server,
    MLFLOW_RUN_ID: job.run_id,
    MLFLOW_TRACKING_TOKEN: job.run_token,
  });
  if (job.environment) {
    env.TRAINYARD_ENVIRONMENT = `${job.environment.name}@${job.environment.version}`;
    env.TRAINYARD_ENVIRONMENT_DIGEST = job.environment.digest;
  }
  for (const [key, value] of Object.entries(job.params)) env[paramEnvName(key)] = value;
  if (sdkPath) env.PYTHONPATH = prependPath(sdkPath, env.PYTHONPATH);
  if (venv) return activateVenv(env, venv);
  if (python) env.PATH = prependPath(path.dirname(path.resolve(python)), env.PATH);
  return env;
}

export function prependPath(entry: string, list: string | undefined): string {
  return list ? `${entry}${path.delimiter}${list}` : entry;
}
