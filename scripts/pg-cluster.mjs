// A throwaway PostgreSQL cluster for tests, started from the system's server binaries on a free
// port with its socket and data in a temporary folder; stopped and deleted afterwards.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export function findPgBin() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// PostgreSQL refuses to run as root: run it as the `postgres` system user when we are root.
function asServerUser(cmd, args) {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ["runuser", ["-u", "postgres", "--", cmd, ...args]];
}

function run(cmd, args) {
  const [c, a] = asServerUser(cmd, args);
  const r = spawnSync(c, a, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Starts a cluster; returns { url, stop }. */
export async function startCluster() {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
  const base = mkdtempSync(path.join(tmpdir(), "trainyard-pg-"));
  chmodSync(base, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", base]);
  const data = path.join(base, "data");
  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  run(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(base, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = () => {
    try {
      run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  return { url, stop };
}

/** Creates an empty database on the cluster behind `url` and returns its URL. */
export async function createDatabase(url, name) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/gi, "_")}"`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name.replace(/[^a-z0-9_]/gi, "_")}`;
  return u.toString();
}
