import { Command } from "commander";
import { execOnce } from "../agent/exec";
import { stderrLogger } from "../logger";
import { parseInteger, UsageError } from "../options";

interface ExecFlags {
  server?: string;
  token?: string;
  job?: string;
  workDir: string;
  killGraceMs: number;
  python?: string;
}

export function execCommand(): Command {
  return new Command("exec")
    .description("run one job to its end, as an agent would (what a Slurm batch job runs): environment, command, logs, metrics, exit")
    .option("--server <url>", "server URL (default: $TRAINYARD_URL)")
    .option("--token <token>", "the job's run token (default: $TRAINYARD_TOKEN)")
    .option("--job <id>", "the job to run (default: $TRAINYARD_JOB_ID)")
    .option("--work-dir <dir>", "where the job folder and environments go", process.cwd())
    .option("--kill-grace-ms <ms>", "time between SIGTERM and SIGKILL when the job is stopped", parseInteger(0), 3_000)
    .option("--python <path>", "Python interpreter for the job and its environment's virtualenv")
    .action(async (flags: ExecFlags) => {
      const server = flags.server ?? process.env.TRAINYARD_URL;
      if (!server) throw new UsageError("no server: pass --server URL or set TRAINYARD_URL");
      const token = flags.token ?? process.env.TRAINYARD_TOKEN;
      if (!token) throw new UsageError("no run token: pass --token or set TRAINYARD_TOKEN");
      const jobId = flags.job ?? process.env.TRAINYARD_JOB_ID;
      if (!jobId) throw new UsageError("no job: pass --job ID or set TRAINYARD_JOB_ID");
      process.exitCode = await execOnce({
        server: server.replace(/\/+$/, ""),
        token,
        jobId,
        workDir: flags.workDir,
        killGraceMs: flags.killGraceMs,
        python: flags.python,
        logger: stderrLogger,
      });
    });
}
