// `npm run up`: builds the studio when the sources are newer than the last build, then serves the
// production build on the embedded default (PGlite and artifacts under TRAINYARD_DATA_DIR).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sources = ["app", "components", "server", "db", "package-lock.json", "next.config.ts", "postcss.config.mjs"];

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

const port = process.env.PORT ?? "3000";
console.log(`Trainyard on http://localhost:${port} (data in ${process.env.TRAINYARD_DATA_DIR ?? "./.trainyard"})`);
const server = spawn(process.execPath, [...next, "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
