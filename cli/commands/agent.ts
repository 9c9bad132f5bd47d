import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { startAgent } from "../agent";
import { stderrLogger } from "../logger";
import { parseInteger, UsageError } from "../options";

interface AgentFlags {
  server?: string;
  token?: string;
  workDir: string;
  maxJobs: number;
  heartbeatMs: number;
  killGraceMs: number;
  python?: string;
}

export function agentCommand(): Command {
  return new Command("agent")
    .description("run jobs on this host for a compute target")
    .option("--server <url>", "server URL (default: $TRAINYARD_URL)")
    .option("--token <token>", "the target's agent token, tya_… (default: $TRAINYARD_AGENT_TOKEN)")
    .option("--work-dir <dir>", "where job folders go", path.join(os.homedir(), ".cache", "trainyard", "agent"))
    .option("--max-jobs <n>", "jobs run at the same time", parseInteger(1, 1024), 4)
    .option("--heartbeat-ms <ms>", "heartbeat period", parseInteger(100), 2_000)
    .option("--kill-grace-ms <ms>", "time between SIGTERM and SIGKILL when a job is stopped", parseInteger(0), 10_000)
    .option("--python <path>", "Python interpreter for jobs (its folder goes first on their PATH) and for their environments' virtualenvs")
    .action(async (flags: AgentFlags) => {
      // Read here rather than as the option's default, which --help would print.
      const server = flags.server ?? process.env.TRAINYARD_URL;
      if (!server) throw new UsageError("no server: pass --server URL or set TRAINYARD_URL");
      const token = flags.token ?? process.env.TRAINYARD_AGENT_TOKEN;
      if (!token) throw new UsageError("no agent token: pass --token or set TRAINYARD_AGENT_TOKEN");
      const agent = await startAgent({
        server: server.replace(/\/+$/, ""),
        token,
        workDir: flags.workDir,
        maxJobs: flags.maxJobs,
        heartbeatMs: flags.heartbeatMs,
        killGraceMs: flags.killGraceMs,
        python: flags.python,
        logger: stderrLogger,
      });
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals) => {
          // A second Ctrl-C is for when the server is gone and the final reports would wait forever.
          if (++signals > 1) {
            stderrLogger.warn(`${signal} again: exiting without waiting for the server`);
            process.exit(130);
          }
          stderrLogger.info(`${signal}: stopping (again to exit at once)`);
          void agent.stop().then(resolve);
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      });
    });
}
