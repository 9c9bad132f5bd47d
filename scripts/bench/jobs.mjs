// npm run bench:jobs — the job queue against a production build, on PGlite and on PostgreSQL:
//  1. submit → process start on an idle real agent (the `trainyard` CLI), target < 1 s;
//  2. claims/s with 50 simulated agents (HTTP clients with agent tokens) draining 1,000 queued jobs
//     through claim → started → finished, the full cycle a real agent makes per job.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, startCluster } from "../pg-cluster.mjs";
import { api, fmt, seed, startServer } from "./harness.mjs";

const LATENCY_JOBS = Number(process.env.BENCH_LATENCY_JOBS ?? 20);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 50);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 1000);
const TARGET_START_MS = 1000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function agentPost(base, token, url, body) {
  const res = await fetch(`${base}/api/v1${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function submitToStart(base, token, projectId) {
  const { registration_token } = await api(base, token, "POST", "/api/v1/teams/bench/compute", { name: "idle", labels: { bench: "latency" } });
  const workDir = mkdtempSync(path.join(tmpdir(), "trainyard-bench-agent-"));
  const agent = spawn(process.execPath, ["cli/bin/trainyard.mjs", "agent", "--server", base, "--token", registration_token, "--work-dir", workDir], {
    stdio: "ignore",
    env: { ...process.env, PATH: `${path.resolve("server/testing/bin")}:${process.env.PATH}`, TRAINYARD_FAKE_GPUS: "0" },
  });
  try {
    for (;;) {
      const { targets } = await api(base, token, "GET", "/api/v1/teams/bench/compute");
      if (targets.some((t) => t.name === "idle" && t.status === "online")) break;
      await sleep(100);
    }
    await sleep(500); // let the agent's first long poll settle
    const latencies = [];
    for (let i = 0; i < LATENCY_JOBS; i++) {
      const job = await api(base, token, "POST", `/api/v1/projects/${projectId}/jobs`, { command: "true", labels: { bench: "latency" } });
      for (;;) {
        const j = await api(base, token, "GET", `/api/v1/jobs/${job.id}`);
        if (j.started_at) {
          latencies.push(new Date(j.started_at).getTime() - new Date(j.created_at).getTime());
          break;
        }
        await sleep(20);
      }
      for (;;) {
        const j = await api(base, token, "GET", `/api/v1/jobs/${job.id}`);
        if (j.ended_at) break;
        await sleep(50);
      }
    }
    return latencies;
  } finally {
    agent.kill("SIGTERM");
    await new Promise((r) => agent.once("exit", r));
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function claimsPerSecond(base, token, projectId) {
  const tokens = [];
  const heartbeat = (t, a) =>
    agentPost(base, t, "/agent/heartbeat", {
      gpus: Array.from({ length: 8 }, (_, index) => ({ index, uuid: `GPU-${a}-${index}`, name: "NVIDIA H100 80GB HBM3", memory_mb: 81559, driver: "550.54" })),
    });
  for (let a = 0; a < AGENTS; a++) {
    const { registration_token } = await api(base, token, "POST", "/api/v1/teams/bench/compute", { name: `sim-${a}`, labels: { bench: "claims" } });
    tokens.push(registration_token);
    await heartbeat(registration_token, a);
  }
  for (let i = 0; i < QUEUED; i++) {
    await api(base, token, "POST", `/api/v1/projects/${projectId}/jobs`, { command: "true", resources: { gpus: 1 + (i % 2) }, labels: { bench: "claims" } });
  }
  // Like real agents, the simulated ones heartbeat every 2 s while they work.
  await Promise.all(tokens.map(heartbeat));
  const beating = setInterval(() => tokens.forEach((t, a) => void heartbeat(t, a).catch(() => {})), 2000);
  let claims = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (t) => {
      for (;;) {
        const { job } = await agentPost(base, t, "/agent/claim", { wait_ms: 0 });
        if (!job) return;
        claims++;
        await agentPost(base, t, `/agent/jobs/${job.id}/started`, {});
        await agentPost(base, t, `/agent/jobs/${job.id}/finished`, { outcome: "succeeded", exit_code: 0 });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(beating);
  if (claims !== QUEUED) throw new Error(`claimed ${claims} of ${QUEUED} jobs`);
  return { claimsPerS: claims / seconds, seconds };
}

const results = [];
const cluster = await startCluster();
try {
  for (const target of ["pglite", "postgres"]) {
    const databaseUrl = target === "postgres" ? await createDatabase(cluster.url, `bench_jobs_${Date.now()}`) : undefined;
    const server = await startServer({ databaseUrl });
    try {
      const { token, projectId } = await seed(server.base);
      const latencies = await submitToStart(server.base, token, projectId);
      const claims = await claimsPerSecond(server.base, token, projectId);
      results.push({ target, latencies, ...claims });
    } finally {
      await server.stop();
    }
  }
} finally {
  cluster.stop();
}

console.log(`\nbench:jobs`);
for (const r of results) {
  const p50 = quantile(r.latencies, 0.5);
  console.log(`\n[${r.target}]`);
  console.log(
    `  submit → process start, idle agent: median ${p50} ms, p95 ${quantile(r.latencies, 0.95)} ms, max ${Math.max(...r.latencies)} ms over ${r.latencies.length} jobs → ${(TARGET_START_MS / p50).toFixed(1)}× under the ${TARGET_START_MS} ms target`,
  );
  console.log(`  ${AGENTS} simulated agents draining ${QUEUED} jobs: ${fmt(r.claimsPerS)} claims/s (claim + started + finished per job, ${r.seconds.toFixed(1)} s)`);
}
