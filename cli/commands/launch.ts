import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { loadConfig, resolveUserEndpoint } from "../config";
import type { Endpoint } from "../http/request";
import { parseInteger, parseKeyValue, parsePositiveNumber, UsageError } from "../options";
import { gitProvenance } from "../snapshot/git-provenance";
import { packSnapshot } from "../snapshot/pack";
import { selectFiles } from "../snapshot/select-files";
import { formatBytes, uploadSnapshot } from "../snapshot/upload";
import { runUrl, userApi, type SubmitJob } from "../user-api";
import { followJob } from "./follow";
import { resolveProjectId } from "./project";

interface LaunchFlags {
  server?: string;
  token?: string;
  project: string;
  command: string;
  gpus?: number;
  gpuModel?: string;
  cpus?: number;
  memoryMb?: number;
  timeLimit?: number;
  env?: string;
  param?: Record<string, string>;
  code?: string;
  git?: string;
  ref?: string;
  target?: string;
  label?: Record<string, string>;
  priority?: number;
  maxRetries?: number;
  name?: string;
  follow?: boolean;
}

export function launchCommand(): Command {
  return new Command("launch")
    .description("submit a training job to the queue")
    .requiredOption("--project <project>", "project id (prj_…) or team/project")
    .requiredOption("--command <command>", "shell command the job runs")
    .option("--gpus <n>", "number of GPUs", parseInteger(0, 1024))
    .option("--gpu-model <model>", "GPU model the job needs (e.g. A100)")
    .option("--cpus <n>", "CPU cores", parsePositiveNumber)
    .option("--memory-mb <n>", "memory in MB", parseInteger(1))
    .option("--time-limit <minutes>", "wall-clock limit (a Slurm target's batch job time limit)", parseInteger(1))
    .option("--env <env@version>", "environment version the job declares")
    .option("--param <key=value>", "job parameter, repeatable (TRAINYARD_PARAM_<KEY> in the job)", parseKeyValue)
    .option("--code <dir>", "upload this folder as the job's code (honours .gitignore)")
    .option("--git <url>", "clone this repository as the job's code")
    .option("--ref <ref>", "branch, tag or commit of --git")
    .option("--target <name>", "run on this compute target")
    .option("--label <key=value>", "label, repeatable", parseKeyValue)
    .option("--priority <n>", "higher runs first", parseInteger(-1_000_000, 1_000_000))
    .option("--max-retries <n>", "retries after a lost or failed attempt", parseInteger(0, 100))
    .option("--name <name>", "run name")
    .option("--follow", "print the job's output until it ends; exit 0 only if it succeeded")
    .option("--server <url>", "server URL (default: $TRAINYARD_URL or the saved login)")
    .option("--token <token>", "personal token (default: $TRAINYARD_TOKEN or the saved login)")
    .action(async (flags: LaunchFlags) => {
      process.exitCode = await launch(flags);
    });
}

export function jobRequest(flags: LaunchFlags): SubmitJob {
  if (flags.code && flags.git) throw new UsageError("use either --code or --git, not both");
  if (flags.ref && !flags.git) throw new UsageError("--ref needs --git");
  const resources = { gpus: flags.gpus, gpu_model: flags.gpuModel, cpus: flags.cpus, memory_mb: flags.memoryMb, time_limit_minutes: flags.timeLimit };
  const hasResources = Object.values(resources).some((v) => v !== undefined);
  return dropUndefined({
    command: flags.command,
    name: flags.name,
    resources: hasResources ? dropUndefined(resources) : undefined,
    environment: flags.env,
    params: flags.param,
    code: flags.git ? dropUndefined({ git: flags.git, ref: flags.ref }) : undefined,
    target: flags.target,
    labels: flags.label,
    priority: flags.priority,
    max_retries: flags.maxRetries,
  });
}

async function launch(flags: LaunchFlags): Promise<number> {
  const request = jobRequest(flags);
  const endpoint = resolveUserEndpoint(flags, process.env, await loadConfig());
  const projectId = await resolveProjectId(endpoint, flags.project);
  if (flags.code) {
    const provenance = await gitProvenance(path.resolve(flags.code));
    if (provenance?.dirty_sha256) process.stderr.write(`code: ${provenance.commit.slice(0, 12)} with uncommitted changes (recorded on the run)\n`);
    request.code = { snapshot_id: await snapshotFolder(endpoint, projectId, flags.code), ...provenance };
  }
  const submitted = await userApi.submitJob(endpoint, projectId, request);
  process.stdout.write(`job  ${submitted.id}\nrun  ${submitted.run_id}\nurl  ${runUrl(endpoint.server, projectId, submitted.run_id)}\n`);
  if (!flags.follow) return 0;

  process.once("SIGINT", () => {
    process.stderr.write(`\nstopped following; the job keeps running (trainyard cancel ${submitted.id} stops it)\n`);
    process.exit(130);
  });
  const job = await followJob(endpoint, submitted.id, submitted.run_id);
  const why = job.failure_reason ? `: ${job.failure_reason}` : job.exit_code !== null ? ` (exit code ${job.exit_code})` : "";
  process.stderr.write(`job ${job.id} ${job.state}${job.state === "succeeded" ? "" : why}\n`);
  return job.state === "succeeded" ? 0 : 1;
}

async function snapshotFolder(endpoint: Endpoint, projectId: string, dir: string): Promise<string> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`--code ${dir}: not a folder`);
  const files = await selectFiles(root);
  if (files.length === 0) throw new UsageError(`--code ${dir}: no files to upload (all ignored?)`);
  // The tarball lives only as long as the upload: nothing about the launch is kept locally.
  const scratch = await mkdtemp(path.join(os.tmpdir(), "trainyard-snapshot-"));
  try {
    const packed = await packSnapshot(root, files, path.join(scratch, "code.tar.gz"));
    process.stderr.write(`code: ${files.length} files, ${formatBytes(packed.size)} compressed\n`);
    const snapshot = await uploadSnapshot(endpoint, projectId, packed, process.stderr.isTTY === true);
    if (snapshot.sha256 !== packed.sha256) throw new Error(`the server stored a different snapshot (sha256 ${snapshot.sha256}, sent ${packed.sha256})`);
    return snapshot.id;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
