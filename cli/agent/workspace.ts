import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { extract } from "tar";
import { errorMessage } from "../http/errors";
import { retryTransient } from "../http/retry";
import type { Logger } from "../logger";
import type { ClaimedJob } from "./agent-api";
import { runCommand } from "./run-command";
import { downloadCode, type RunEndpoint } from "./run-api";

/** The job's code could not be made ready; `output` is what the failing step printed. */
export class PrepareError extends Error {
  constructor(
    message: string,
    readonly output: string[] = [],
  ) {
    super(message);
    this.name = "PrepareError";
  }
}

export interface PreparedCode {
  dir: string;
  /** The commit that was checked out, for git code. */
  commit?: string;
}

export interface PrepareInput {
  job: ClaimedJob;
  jobDir: string;
  server: string;
  logger: Logger;
  signal: AbortSignal;
}

/** Fills `<job dir>/code` with the job's code: a git checkout, an unpacked snapshot, or nothing. */
export async function prepareCode({ job, jobDir, server, logger, signal }: PrepareInput): Promise<PreparedCode> {
  const dir = path.join(jobDir, "code");
  await rm(dir, { recursive: true, force: true });
  const code = job.code;
  if (code.kind === "none") {
    await mkdir(dir, { recursive: true });
    return { dir };
  }
  if (code.kind === "git") {
    // A retry runs the commit the first attempt resolved, even if the branch has moved since.
    const commit = await checkoutGit(code.git, code.commit ?? code.ref, dir, signal);
    return { dir, commit };
  }
  const run: RunEndpoint = { server, runToken: job.run_token, runId: job.run_id };
  await unpackSnapshot(run, code.sha256, jobDir, dir, logger, signal);
  return { dir };
}

// Never wait for a password prompt on a headless agent.
const gitEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_TERMINAL_PROMPT: "0",
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
});

async function checkoutGit(url: string, ref: string, dir: string, signal: AbortSignal): Promise<string> {
  const env = gitEnv();
  const git = async (step: string, args: string[], cwd?: string) => {
    const result = await runCommand("git", args, { cwd, env, signal }).catch((error: unknown) => {
      throw new PrepareError(`cannot run git: ${errorMessage(error)}`);
    });
    if (result.code !== 0) {
      const last = result.output.findLast((l) => l.trim().length > 0) ?? `exit code ${result.code}`;
      throw new PrepareError(`${step} failed: ${redact(last)}`, [`$ git ${args.map(redact).join(" ")}`, ...result.output.map(redact)]);
    }
    return result.output;
  };
  await git(`git clone ${redact(url)}`, ["clone", "--quiet", "--", url, dir]);
  if (ref) await git(`git checkout ${ref}`, ["-c", "advice.detachedHead=false", "checkout", "--quiet", ref, "--"], dir);
  const head = await git("git rev-parse HEAD", ["rev-parse", "HEAD"], dir);
  return head[0]?.trim() ?? "";
}

/** Job logs are shown to the whole project: never the credentials of an https://user:token@ URL. */
const redact = (text: string) => text.replace(/(\w+:\/\/)[^/@\s]+@/g, "$1***@");

async function unpackSnapshot(run: RunEndpoint, sha256: string, jobDir: string, dir: string, logger: Logger, signal: AbortSignal) {
  const file = path.join(jobDir, "code.tar.gz");
  let actual: string;
  try {
    actual = await retryTransient(() => downloadCode(run, file, signal), {
      signal,
      onRetry: (error, attempt) => {
        if (attempt === 0) logger.warn(`job ${path.basename(jobDir)}: downloading code: ${errorMessage(error)}; retrying`);
      },
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new PrepareError(`cannot download the code snapshot: ${errorMessage(error)}`);
  }
  if (actual !== sha256) {
    throw new PrepareError(`the code snapshot is corrupt: its sha256 is ${actual}, the job expects ${sha256}`);
  }
  await mkdir(dir, { recursive: true });
  try {
    // strict: a damaged archive fails the job instead of leaving half a tree behind silently.
    await extract({ file, cwd: dir, strict: true });
  } catch (error) {
    throw new PrepareError(`cannot unpack the code snapshot: ${errorMessage(error)}`);
  }
  await rm(file, { force: true });
}
