// npm run bench:mlflow — MLflow's log-batch (1,000 metrics a request, MLflow's own limit) against
// REST v1's metrics endpoint with the same 1,000 points, on the same production server, PGlite and
// PostgreSQL, plus a 100k-point metrics/get-history read in 25,000-point pages as the client pages.
import { startCluster, createDatabase } from "../pg-cluster.mjs";
import { api, fmt, loadClient, seed, startServer } from "./harness.mjs";

const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const BATCH = 1000;
const MLFLOW_LOG_BATCH_POINTS_PER_S = 7000;
const MLFLOW_100K_HISTORY_MS = 8000;

function points(b) {
  const out = new Array(BATCH);
  const t0 = 1_700_000_000_000 + b * 1000;
  for (let i = 0; i < BATCH / 2; i++) {
    const step = b * (BATCH / 2) + i;
    out[2 * i] = { key: "train/loss", value: 1 / (step + 1), step, timestamp: t0 + i };
    out[2 * i + 1] = { key: "train/acc", value: 1 - 1 / (step + 1), step, timestamp: t0 + i };
  }
  return out;
}

/** Points/s with every writer posting its bodies one after another, all writers at once. */
async function drive(base, token, urls, bodies) {
  const client = loadClient(urls.length);
  const started = performance.now();
  try {
    await Promise.all(
      urls.map(async (url) => {
        for (const body of bodies) {
          const res = await client.post(`${base}${url}`, { "content-type": "application/json", authorization: `Bearer ${token}` }, body);
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.text}`);
        }
      }),
    );
  } finally {
    client.close();
  }
  return (urls.length * bodies.length * BATCH) / ((performance.now() - started) / 1000);
}

async function measure(base, token, projectId) {
  const mk = (name) => api(base, token, "POST", "/api/2.0/mlflow/runs/create", { experiment_id: projectId, run_name: name });
  const mlflowRuns = await Promise.all(Array.from({ length: WRITERS }, (_, w) => mk(`mlflow-${w}`)));
  const restRuns = await Promise.all(Array.from({ length: WRITERS }, (_, w) => mk(`rest-${w}`)));
  const batches = Array.from({ length: BATCHES }, (_, b) => points(b));
  const logBatch = (run) => batches.map((metrics) => JSON.stringify({ run_id: run.run.info.run_id, metrics }));
  // Every writer's bodies are its own run's, built before the clock starts.
  const mlflowBodies = mlflowRuns.map(logBatch);
  const restBodies = batches.map((p) => JSON.stringify({ points: p }));
  const mlflow = await (async () => {
    const started = performance.now();
    await Promise.all(mlflowRuns.map((_, w) => drive(base, token, ["/api/2.0/mlflow/runs/log-batch"], mlflowBodies[w])));
    return (WRITERS * BATCHES * BATCH) / ((performance.now() - started) / 1000);
  })();
  const rest = await drive(base, token, restRuns.map((r) => `/api/v1/runs/${r.run.info.run_id}/metrics`), restBodies);

  const big = (await mk("history")).run.info.run_id;
  for (let start = 0; start < 100_000; start += 10_000) {
    const chunk = Array.from({ length: 10_000 }, (_, i) => ({ key: "history", value: Math.sin((start + i) / 500), step: start + i, timestamp: 1_700_000_000_000 + start + i }));
    await api(base, token, "POST", `/api/v1/runs/${big}/metrics`, { points: chunk });
  }
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    let token_ = "";
    let n = 0;
    do {
      const q = new URLSearchParams({ run_id: big, metric_key: "history", max_results: "25000", ...(token_ ? { page_token: token_ } : {}) });
      const page = await api(base, token, "GET", `/api/2.0/mlflow/metrics/get-history?${q}`);
      n += page.metrics.length;
      token_ = page.next_page_token ?? "";
    } while (token_);
    if (n !== 100_000) throw new Error(`history returned ${n} points`);
    times.push(performance.now() - t);
  }
  return { mlflow, rest, historyMs: times.sort((a, b) => a - b)[2] };
}

const results = [];
const cluster = await startCluster();
try {
  for (const target of ["pglite", "postgres"]) {
    const databaseUrl = target === "postgres" ? await createDatabase(cluster.url, `bench_mlflow_${Date.now()}`) : undefined;
    const server = await startServer({ databaseUrl });
    try {
      const { token, projectId } = await seed(server.base);
      results.push({ target, ...(await measure(server.base, token, projectId)) });
    } finally {
      await server.stop();
    }
  }
} finally {
  cluster.stop();
}

console.log(`\nbench:mlflow — ${WRITERS} concurrent writers × ${BATCHES} requests × ${BATCH} metrics`);
for (const r of results) {
  console.log(`\n[${r.target}]`);
  console.log(`  MLflow log-batch    ${fmt(r.mlflow)} points/s → ${(r.mlflow / r.rest).toFixed(2)} of REST v1 on the same server`);
  console.log(`  REST v1 metrics     ${fmt(r.rest)} points/s`);
  console.log(`  vs MLflow's server  ${(r.mlflow / MLFLOW_LOG_BATCH_POINTS_PER_S).toFixed(1)}× (${fmt(MLFLOW_LOG_BATCH_POINTS_PER_S)} points/s through log-batch)`);
  console.log(`  get-history 100k    ${r.historyMs.toFixed(0)} ms in 25,000-point pages → ${(MLFLOW_100K_HISTORY_MS / r.historyMs).toFixed(1)}× faster than MLflow (${MLFLOW_100K_HISTORY_MS} ms)`);
}
