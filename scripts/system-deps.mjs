// Installs what the test suite needs from Debian's packages when it is missing: a Chromium for
// Playwright and the PostgreSQL server binaries. Each is checked first, so a prepared machine
// installs nothing.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { findPgBin } from "./pg-cluster.mjs";

const needs = [
  { name: "chromium", present: () => ["/usr/bin/chromium", "/usr/bin/chromium-browser"].some((p) => existsSync(p)) },
  { name: "postgresql", present: () => findPgBin() !== null },
];

export function ensureSystemDeps(log = console.log) {
  const missing = needs.filter((n) => !n.present()).map((n) => n.name);
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ["sudo", "-n"];
  if (!root && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    throw new Error(`Missing system packages: ${missing.join(", ")}. Install them with apt-get (needs root).`);
  }
  log(`installing ${missing.join(", ")} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed with ${r.status}`);
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing]);
}
