import { execFile, spawn } from "node:child_process";
import { LineSplitter } from "../line-splitter";
import type { Stream } from "../output-batcher";
import { groupAlive, signalGroup } from "../process-group";

/** Where a materialisation step's output goes: the job's log. */
export type StepOutput = (stream: Stream, line: string) => void;

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed, for the failure report of jobs that did not see them live. */
  tail: string[];
}

const TAIL_LINES = 30;
const KILL_GRACE_MS = 5_000;
/** A background process a step left behind may hold its pipes open; stop waiting for them after this. */
const PIPE_GRACE_MS = 2_000;

/**
 * Runs one step of building an environment (venv, pip, a setup command) in its own process group,
 * streaming its lines to `output`. Aborting `signal` ends the whole group and rejects with the
 * signal's reason; a command that cannot be started rejects with the spawn error.
 */
export function runStep(
  command: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string>; signal: AbortSignal; output: StepOutput },
): Promise<StepResult> {
  const { signal, output } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const line = (stream: Stream) => (text: string) => {
      output(stream, text);
      tail.push(text);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const child = spawn(command, args, { cwd: options.cwd, env: processEnv(options.env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (child.pid === undefined || !signalGroup(child.pid, "SIGTERM")) return;
      killTimer = setTimeout(() => child.pid !== undefined && signalGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
      killTimer.unref();
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const closed = (["stdout", "stderr"] as const).map(
      (name) =>
        new Promise<void>((done) => {
          const lines = new LineSplitter(line(name));
          child[name].on("data", (chunk: Buffer) => lines.write(chunk));
          child[name].once("close", () => {
            lines.end();
            done();
          });
        }),
    );
    child.once("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      if (child.pid === undefined) reject(error);
    });
    child.once("exit", (code, exitSignal) => {
      const pid = child.pid!;
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS);
      void Promise.all(closed).then(() => {
        clearTimeout(grace);
        clearTimeout(killTimer);
        signal.removeEventListener("abort", onAbort);
        // Nothing a step started outlives it: a setup command's stray server would hold files open.
        if (groupAlive(pid)) signalGroup(pid, "SIGKILL");
        if (signal.aborted) reject(signal.reason);
        else resolve({ code, signal: exitSignal, tail });
      });
    });
  });
}

/** Only satisfies Next's typings, which declare NODE_ENV as always present in an environment. */
export const processEnv = (env: Record<string, string>) => env as NodeJS.ProcessEnv;

export interface ProbeResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a short query (an interpreter's version, pip freeze, nvidia-smi) and returns what it printed,
 * or null when the program is missing, times out or cannot run.
 */
export function probe(command: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<ProbeResult | null> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: options.env && processEnv(options.env), cwd: options.cwd, timeout: options.timeoutMs ?? 30_000, maxBuffer: 32 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const code = (error as { code?: unknown }).code;
        // A numeric code is an exit status; anything else (ENOENT, a kill on timeout) means no answer.
        resolve(typeof code === "number" && !(error as { killed?: boolean }).killed ? { code, stdout, stderr } : null);
      },
    );
  });
}
