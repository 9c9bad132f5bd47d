// A throwaway single-node Slurm 22.05 cluster for the Slurm tests (see notes/slurm-single-node.md):
// Debian's slurm-wlm, slurmrestd, munge and the JWT plugin, installed once; configs rendered into a
// temporary folder; munged, slurmctld, slurmd and slurmrestd (JWT auth) started without systemd.
// GPUs are GRES backed by stand-in character devices, so --gres=gpu:N and CUDA_VISIBLE_DEVICES work.
//
//   node scripts/slurm-cluster.mjs -- <command…>   starts the cluster, runs the command with
//                                                  SLURM_TEST_* in its environment, stops the cluster
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { freePort } from "./pg-cluster.mjs";

const PACKAGES = ["slurm-wlm", "slurmrestd", "munge", "slurm-wlm-jwt-plugin"];
/** The unprivileged user that REST jobs run as; its token is what the tests register. */
export const JOB_USER = "trainyard-slurm";
const GPUS = 2;
const FAKE_CPUS = 8;

const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
};

function installed(pkg) {
  const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  return r.status === 0 && r.stdout.includes("install ok installed");
}

/** Installs the Slurm packages when missing (root, or passwordless sudo). */
export function ensureSlurmPackages(log = console.log) {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`Missing packages for the Slurm tests: ${missing.join(", ")}; install them as root`);
  log(`installing ${missing.join(", ")} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  sh("apt-get", ["update", "-qq"], { env, stdio: "inherit" });
  sh("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { env, stdio: "inherit" });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Running, not a zombie: a daemon this harness spawned stays one until the harness reaps it. */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function stopPidFile(file, timeoutMs = 10_000) {
  const pid = readPid(file);
  if (!pid || !alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

/** slurmctld and slurmd both insist on the machine's own (short) host name. */
const HOST = hostname().split(".")[0];

function slurmConf(base, { ctldPort, dPort, memoryMb }) {
  return `ClusterName=trainyard-ci
SlurmctldHost=${HOST}(127.0.0.1)
AuthType=auth/munge
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=${base}/etc/jwt_hs256.key
CredType=cred/munge
SlurmUser=slurm
SlurmdUser=root
SlurmctldPort=${ctldPort}
SlurmdPort=${dPort}
StateSaveLocation=${base}/state/ctld
SlurmdSpoolDir=${base}/state/d
SlurmctldPidFile=${base}/run/slurmctld.pid
SlurmdPidFile=${base}/run/slurmd.pid
SlurmctldLogFile=${base}/log/slurmctld.log
SlurmdLogFile=${base}/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${base}/log/jobcomp.txt
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=3600
KillWait=5
GresTypes=gpu
SlurmdParameters=config_overrides
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=${FAKE_CPUS} Boards=1 SocketsPerBoard=1 CoresPerSocket=${FAKE_CPUS} ThreadsPerCore=1 RealMemory=${memoryMb} Gres=gpu:fake:${GPUS} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE DefaultTime=00:10:00 State=UP
`;
}

/**
 * Starts slurmrestd (JWT auth) on the cluster's port; also how a test brings it back after stopping
 * it. A restarted slurmrestd cannot bind while its old connections sit in TIME_WAIT (up to 60 s on
 * Linux), so it is started again until it binds.
 */
export async function startRestd(base, timeoutMs = 90_000) {
  const info = JSON.parse(readFileSync(path.join(base, "cluster.json"), "utf8"));
  const pidFile = path.join(base, "run", "slurmrestd.pid");
  const running = readPid(pidFile);
  if (running && alive(running)) return waitForRestd(info);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const logFd = openSync(path.join(base, "log", "slurmrestd.log"), "a");
    const child = spawn(
      "/usr/sbin/slurmrestd",
      ["-u", "nobody", "-g", "nogroup", "-a", "rest_auth/jwt", "-s", "openapi/v0.0.38", `127.0.0.1:${info.restPort}`],
      { env: { ...process.env, SLURM_CONF: info.conf, SLURM_JWT: "daemon" }, detached: true, stdio: ["ignore", logFd, logFd] },
    );
    closeSync(logFd);
    let exited = false;
    child.once("exit", () => (exited = true));
    child.unref();
    writeFileSync(pidFile, String(child.pid));
    while (!exited && Date.now() < deadline) {
      if (await ping(info)) return;
      await sleep(200);
    }
    if (Date.now() >= deadline) {
      if (!exited) process.kill(child.pid, "SIGKILL");
      throw new Error(`slurmrestd did not start at ${info.url}: ${readFileSync(path.join(base, "log", "slurmrestd.log"), "utf8").split("\n").slice(-5).join("\n")}`);
    }
    await sleep(1000);
  }
}

const ping = (info) =>
  fetch(`${info.url}/slurm/v0.0.38/ping`, { headers: { "X-SLURM-USER-NAME": info.user, "X-SLURM-USER-TOKEN": info.token } })
    .then((r) => r.ok)
    .catch(() => false);

export async function stopRestd(base) {
  await stopPidFile(path.join(base, "run", "slurmrestd.pid"));
}

async function waitForRestd(info, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ping(info))) {
    if (Date.now() > deadline) throw new Error(`slurmrestd did not answer at ${info.url}`);
    await sleep(200);
  }
}

/**
 * Starts the cluster; returns { url, user, token, base, workDir, gpus, stop }. Throws with the
 * daemons' logs when it cannot: the Slurm tests must fail loudly, never be skipped.
 */
export async function startSlurmCluster(log = console.log) {
  const t0 = Date.now();
  ensureSlurmPackages(log);
  const base = mkdtempSync(path.join(tmpdir(), "trainyard-slurm-"));
  chmodSync(base, 0o755);
  for (const dir of ["etc", "state/ctld", "state/d", "run", "log", "fakegpu", "shared"]) mkdirSync(path.join(base, dir), { recursive: true });
  if (spawnSync("id", ["-u", JOB_USER]).status !== 0) sh("useradd", ["--create-home", "--shell", "/bin/bash", JOB_USER]);
  sh("chown", ["-R", "slurm:slurm", path.join(base, "state/ctld"), path.join(base, "log")]);
  // The job user's shared working directory (job folders, batch output).
  sh("chown", [`${JOB_USER}:${JOB_USER}`, path.join(base, "shared")]);
  chmodSync(path.join(base, "log"), 0o777);
  for (let i = 0; i < GPUS; i++) sh("mknod", ["-m", "0666", path.join(base, "fakegpu", `nvidia${i}`), "c", "1", "3"]);
  const key = path.join(base, "etc", "jwt_hs256.key");
  writeFileSync(key, execFileSync("head", ["-c", "32", "/dev/urandom"]));
  sh("chown", ["slurm:slurm", key]);
  chmodSync(key, 0o600);

  const [ctldPort, dPort, restPort] = [await freePort(), await freePort(), await freePort()];
  const memoryMb = Math.max(1024, Math.floor(totalmem() / 1024 / 1024) - 1024);
  const conf = path.join(base, "etc", "slurm.conf");
  writeFileSync(conf, slurmConf(base, { ctldPort, dPort, memoryMb }));
  writeFileSync(path.join(base, "etc", "gres.conf"), `AutoDetect=off\nNodeName=${HOST} Name=gpu Type=fake File=${base}/fakegpu/nvidia[0-${GPUS - 1}]\n`);
  const env = { ...process.env, SLURM_CONF: conf };
  delete env.SLURM_JWT;

  const stop = async () => {
    await stopRestd(base);
    for (const f of ["slurmd.pid", "slurmctld.pid"]) await stopPidFile(path.join(base, "run", f));
    // munged is shared by every cluster on this machine: left running, like a system daemon.
    rmSync(base, { recursive: true, force: true });
  };
  const logs = () =>
    ["slurmctld.log", "slurmd.log", "slurmrestd.log"]
      .map((f) => {
        const p = path.join(base, "log", f);
        return existsSync(p) ? `--- ${f}\n${readFileSync(p, "utf8").split("\n").slice(-30).join("\n")}` : `--- ${f}: none`;
      })
      .join("\n");
  try {
    if (spawnSync("pgrep", ["-x", "munged"]).status !== 0) {
      mkdirSync("/run/munge", { recursive: true });
      sh("chown", ["munge:munge", "/run/munge"]);
      sh("runuser", ["-u", "munge", "--", "/usr/sbin/munged"]);
    }
    sh("/usr/sbin/slurmctld", [], { env });
    sh("/usr/sbin/slurmd", [], { env });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = spawnSync("sinfo", ["-h", "-N", "-o", "%T"], { env, encoding: "utf8" });
      if (r.status === 0 && r.stdout.trim() === "idle") break;
      if (Date.now() > deadline) throw new Error(`the node never became idle (sinfo: ${r.stdout.trim() || r.stderr.trim()})`);
      await sleep(250);
    }
    const token = sh("scontrol", ["token", `username=${JOB_USER}`, "lifespan=86400"], { env }).trim().replace(/^SLURM_JWT=/, "");
    const info = { url: `http://127.0.0.1:${restPort}`, restPort, user: JOB_USER, token, conf, base, workDir: path.join(base, "shared"), gpus: GPUS };
    writeFileSync(path.join(base, "cluster.json"), JSON.stringify(info));
    await startRestd(base);
    log(`Slurm test cluster at ${info.url} (${GPUS} GPUs, ${Math.round((Date.now() - t0) / 100) / 10} s to start)`);
    return { ...info, stop };
  } catch (error) {
    const message = `${error instanceof Error ? error.message : String(error)}\n${logs()}`;
    await stop().catch(() => {});
    throw new Error(`The Slurm test cluster could not start: ${message}`);
  }
}

/** What the tests read: the cluster's address, its job user's token and the harness folder. */
export function slurmTestEnv(cluster) {
  return {
    SLURM_TEST_URL: cluster.url,
    SLURM_TEST_USER: cluster.user,
    SLURM_TEST_TOKEN: cluster.token,
    SLURM_TEST_BASE: cluster.base,
    SLURM_TEST_WORK_DIR: cluster.workDir,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sep = process.argv.indexOf("--");
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  if (command.length === 0) {
    console.error("usage: node scripts/slurm-cluster.mjs -- <command…>");
    process.exit(2);
  }
  const cluster = await startSlurmCluster();
  let code = 1;
  try {
    const r = spawnSync(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, ...slurmTestEnv(cluster) } });
    code = r.status ?? 1;
  } finally {
    await cluster.stop();
  }
  process.exit(code);
}
