import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { UsageError } from "./options";

type Environment = Record<string, string | undefined>;

const SavedConfig = z.object({ server: z.url(), token: z.string().min(1) });
export type SavedConfig = z.infer<typeof SavedConfig>;

export function configPath(env: Environment = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "trainyard", "config.json");
}

export async function loadConfig(file = configPath()): Promise<SavedConfig | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = SavedConfig.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file} is not a valid trainyard login; run \`trainyard login\` again`);
  return parsed.data;
}

/** Saves the login readable by its owner only: the token is as good as the password. */
export async function saveConfig(config: SavedConfig, file = configPath()): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

export interface UserEndpoint {
  server: string;
  token: string;
}

/**
 * Flags first, then TRAINYARD_URL/TRAINYARD_TOKEN, then the saved login. The saved token is used only
 * with the server it was issued by.
 */
export function resolveUserEndpoint(
  flags: { server?: string; token?: string },
  env: Environment,
  saved: SavedConfig | null,
): UserEndpoint {
  const server = flags.server ?? env.TRAINYARD_URL ?? saved?.server;
  if (!server) throw new UsageError("no server: pass --server URL, set TRAINYARD_URL, or run `trainyard login`");
  const sameServer = saved !== null && trimSlash(saved.server) === trimSlash(server);
  const token = flags.token ?? env.TRAINYARD_TOKEN ?? (sameServer ? saved.token : undefined);
  if (!token) throw new UsageError(`no token for ${server}: pass --token, set TRAINYARD_TOKEN, or run \`trainyard login --server ${server}\``);
  return { server: trimSlash(server), token };
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");
