import os from "node:os";
import { Command } from "commander";
import { saveConfig } from "../config";
import { UsageError } from "../options";
import { userApi } from "../user-api";
import { promptHidden } from "./prompt";

interface LoginFlags {
  server?: string;
  email: string;
  password?: string;
}

export function loginCommand(): Command {
  return new Command("login")
    .description("get a personal token and save it for later commands")
    .option("--server <url>", "server URL (default: $TRAINYARD_URL)")
    .requiredOption("--email <email>", "your account's email")
    .option("--password <password>", "password (default: $TRAINYARD_PASSWORD, or asked for)")
    .action(async (flags: LoginFlags) => {
      const server = (flags.server ?? process.env.TRAINYARD_URL ?? "").replace(/\/+$/, "");
      if (!server) throw new UsageError("no server: pass --server URL or set TRAINYARD_URL");
      const password = flags.password ?? process.env.TRAINYARD_PASSWORD ?? (await askPassword());
      const answer = await userApi.createToken(server, { email: flags.email, password, name: `trainyard cli on ${os.hostname()}` });
      const file = await saveConfig({ server, token: answer.token });
      process.stderr.write(`logged in to ${server} as ${flags.email}; token saved in ${file}\n`);
    });
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError("no password: pass --password, set TRAINYARD_PASSWORD, or run in a terminal");
  return promptHidden("password: ");
}
