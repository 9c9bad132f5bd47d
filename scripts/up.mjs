// `npm run up`: builds the studio when the sources are newer than the last build, then serves the
// production build on the embedded default (PGlite and artifacts under TRAINYARD_DATA_DIR), with a
// local agent registered as the shared compute target `local` so that jobs can run on this machine
// (TRAINYARD_LOCAL_AGENT=0 leaves it out).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sources = ["app", "components", "server", "db", "package-lock.json", "next.config.ts", "postcss.config.mjs"];
const cliSources = ["cli", "server/http/contracts", "package-lock.json"];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((entry) => newest(path.join(p, entry))));
}

const buildId = ".next/BUILD_ID";
const stale =
  !existsSync(buildId) || process.argv.includes("--rebuild") || Math.max(...sources.map(newest)) > statSync(buildId).mtimeMs;

const next = ["node_modules/next/dist/bin/next"];
if (stale) {
  console.log("Building the studio (about a minute on 2 cores)…");
  const r = spawnSync(process.execPath, [...next, "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const cliBundle = "cli/dist/trainyard.mjs";
if (!existsSync(cliBundle) || Math.max(...cliSources.map(newest)) > statSync(cliBundle).mtimeMs) {
  const r = spawnSync("npm", ["run", "--silent", "build:cli"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(process.env.TRAINYARD_DATA_DIR ?? "./.trainyard");
const withAgent = process.env.TRAINYARD_LOCAL_AGENT !== "0";
// A fresh token each start: the server registers it for `local`, the agent presents it.
const agentToken = `tya_${randomBytes(32).toString("base64url")}`;
console.log(`Trainyard on http://localhost:${port} (data in ${dataDir})`);
const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, ...(withAgent ? { TRAINYARD_LOCAL_AGENT_TOKEN: agentToken } : {}) },
});
const children = [server];

async function startAgent() {
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const agent = spawn(process.execPath, ["cli/bin/trainyard.mjs", "agent", "--server", url, "--work-dir", path.join(dataDir, "agent")], {
    stdio: "inherit",
    env: { ...process.env, TRAINYARD_AGENT_TOKEN: agentToken },
  });
  children.push(agent);
  agent.on("exit", (code) => {
    if (code) console.error(`the local agent exited with ${code}; jobs will wait until an agent is online`);
  });
}
if (withAgent) void startAgent();

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => children.forEach((c) => c.kill(signal)));
server.on("exit", (code) => {
  children.forEach((c) => c.kill("SIGTERM"));
  process.exit(code ?? 0);
});
