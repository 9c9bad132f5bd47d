// Starts the production build for one e2e project on a fresh data folder (and, with DATABASE_URL,
// a fresh database on the harness's PostgreSQL server) so every e2e run begins on an empty instance.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase } from "./pg-cluster.mjs";

const env = { ...process.env, TRAINYARD_DATA_DIR: mkdtempSync(path.join(tmpdir(), "trainyard-e2e-")) };
if (env.DATABASE_URL) env.DATABASE_URL = await createDatabase(env.DATABASE_URL, `e2e_${Date.now()}`);
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", env.PORT, "-H", "127.0.0.1"], {
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
