import { Command } from "commander";
import { agentCommand } from "./commands/agent";
import { execCommand } from "./commands/exec";
import { cancelCommand, statusCommand } from "./commands/job-commands";
import { launchCommand } from "./commands/launch";
import { loginCommand } from "./commands/login";
import { AGENT_VERSION } from "./agent/host-info";
import { ApiError, NetworkError, ProtocolError } from "./http/errors";
import { UsageError } from "./options";

export function program(): Command {
  return new Command("trainyard")
    .description("Trainyard from the command line: launch jobs, follow them, run a compute agent")
    .version(AGENT_VERSION)
    .showHelpAfterError()
    .addCommand(launchCommand())
    .addCommand(statusCommand())
    .addCommand(cancelCommand())
    .addCommand(loginCommand())
    .addCommand(agentCommand())
    .addCommand(execCommand());
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    // Expected failures get one line; anything else is a bug and keeps its stack.
    if (error instanceof UsageError || error instanceof ApiError || error instanceof NetworkError || error instanceof ProtocolError) {
      process.stderr.write(`trainyard: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`trainyard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

