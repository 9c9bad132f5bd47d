import { spawn } from "node:child_process";
import { LineSplitter } from "./line-splitter";

export interface CommandResult {
  code: number | null;
  /** stdout and stderr interleaved as they arrived, for the job's log when a step fails. */
  output: string[];
}

const KEEP_LINES = 200;

/** Runs a preparation step (git) and keeps the end of its output; aborting the signal kills it. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const keep = (line: string) => {
      output.push(line);
      if (output.length > KEEP_LINES) output.shift();
    };
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const out = new LineSplitter(keep);
    const err = new LineSplitter(keep);
    child.stdout.on("data", (chunk: Buffer) => out.write(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.write(chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      out.end();
      err.end();
      resolve({ code, output });
    });
  });
}
