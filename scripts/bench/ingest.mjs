// npm run bench:ingest — metric ingestion end to end over HTTP against a production build, on
// PGlite and on PostgreSQL, next to the raw database limit measured in the same run (the same rows
// written straight into the database), plus read times for a 100k-point history and a
// downsampled 1M-point series.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { startCluster, createDatabase } from "../pg-cluster.mjs";
import { api, fmt, loadClient, seed, startServer } from "./harness.mjs";

const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 250);
const BATCH = 1000;
// Batches each writer sends before the clock starts: a fresh server compiles the route, opens its
// pool connections and warms the JIT on the first requests. Measured: after 10 warm-up batches a
// 60-batch run read 25 % below the same server's steady state (2,000 batches later).
const WARMUP_BATCHES = Number(process.env.BENCH_WARMUP_BATCHES ?? 60);
const MLFLOW_LOG_BATCH_POINTS_PER_S = 7000;
const MLFLOW_100K_HISTORY_MS = 8000;

function batch(b) {
  const points = new Array(BATCH);
  const t0 = 1_700_000_000_000 + b * 1000;
  for (let i = 0; i < BATCH / 2; i++) {
    const step = b * (BATCH / 2) + i;
    points[2 * i] = { key: "train/loss", value: 1 / (step + 1), step, timestamp: t0 + i };
    points[2 * i + 1] = { key: "train/acc", value: 1 - 1 / (step + 1), step, timestamp: t0 + i };
  }
  return points;
}

const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ points: batch(b) }));

/** Each run gets `batches` in order from its own writer, all writers at once. */
async function pump(base, token, runIds, batches) {
  const client = loadClient(runIds.length);
  try {
    await Promise.all(
      runIds.map(async (runId) => {
        for (const body of batches) {
          const res = await client.post(`${base}/api/v1/runs/${runId}/metrics`, { "content-type": "application/json", authorization: `Bearer ${token}` }, body);
          if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${res.text}`);
        }
      }),
    );
  } finally {
    client.close();
  }
}

async function timedPump(base, token, runIds) {
  const started = performance.now();
  await pump(base, token, runIds, bodies);
  return (WRITERS * BATCHES * BATCH) / ((performance.now() - started) / 1000);
}

async function ingest(base, token, projectId) {
  const writers = async (name) =>
    (await Promise.all(Array.from({ length: WRITERS }, (_, w) => api(base, token, "POST", `/api/v1/projects/${projectId}/runs`, { name: `${name}-${w}` })))).map((run) => run.id);
  await pump(base, token, await writers("warmup"), bodies.slice(0, WARMUP_BATCHES));
  return timedPump(base, token, await writers("writer"));
}

/**
 * The same writers and bodies against a server that only parses them (parse-only-server.mjs): an
 * upper bound, so the best of three rounds after a full warm-up round.
 */
async function transportCeiling() {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "parse-only-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve) => child.stdout.once("data", (b) => resolve(Number(b.toString().trim()))));
  const base = `http://127.0.0.1:${port}`;
  const runIds = Array.from({ length: WRITERS }, (_, w) => `run_${w}`);
  try {
    await pump(base, "none", runIds, bodies);
    const rates = [];
    for (let round = 0; round < 3; round++) rates.push(await timedPump(base, "none", runIds));
    return Math.max(...rates);
  } finally {
    child.kill("SIGTERM");
  }
}

async function reads(base, token, projectId) {
  const run = await api(base, token, "POST", `/api/v1/projects/${projectId}/runs`, { name: "big" });
  const post = (points) =>
    fetch(`${base}/api/v1/runs/${run.id}/metrics`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ points }),
    }).then((r) => r.arrayBuffer());
  const write = async (key, total) => {
    for (let start = 0; start < total; start += 10_000 * 2) {
      await Promise.all(
        [0, 10_000].map((off) =>
          start + off < total
            ? post(Array.from({ length: Math.min(10_000, total - start - off) }, (_, i) => ({ key, value: Math.sin((start + off + i) / 500), step: start + off + i, timestamp: 1_700_000_000_000 + start + off + i })))
            : null,
        ),
      );
    }
  };
  await write("history", 100_000);
  await write("big", 1_000_000);
  const time = async (url, encoding = "gzip, deflate", runs = 5) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}`, "accept-encoding": encoding } });
      const body = await res.json();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(JSON.stringify(body));
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
  };
  return {
    historyMs: await time(`/api/v1/runs/${run.id}/metrics/history?max_points=100000`),
    // MLflow's server sends JSON uncompressed whatever the client accepts.
    historyPlainMs: await time(`/api/v1/runs/${run.id}/metrics/history?max_points=100000`, "identity"),
    downsampledMs: await time(`/api/v1/runs/${run.id}/metrics/big?max_points=1000`),
  };
}

function rawRows(writer) {
  const rows = [];
  for (let b = 0; b < BATCHES; b++) for (const p of batch(b)) rows.push([`run_${writer}`, p.key, p.step, p.value, p.timestamp]);
  return rows;
}

/**
 * A raw PostgreSQL limit: `write` puts every writer's rows into an unindexed table over `connections`
 * connections, opened before the clock starts as the server's pool is by the time it is measured.
 * One pass takes a fraction of a second, where one scheduling hiccup on a shared machine halves the
 * figure: the median of three, each into an emptied table.
 */
async function rawPostgresLimit(url, connections, write) {
  const { default: pg } = await import("pg");
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  };
  const setup = await connect();
  await setup.query("create table bench_raw (run_id text, key text, step bigint, value float8, ts bigint)");
  const clients = await Promise.all(Array.from({ length: connections }, connect));
  const rates = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    await setup.query("truncate bench_raw");
    const started = performance.now();
    await write(clients);
    rates.push((WRITERS * BATCHES * BATCH) / ((performance.now() - started) / 1000));
  }
  await Promise.all(clients.map((client) => client.end()));
  await setup.query("drop table bench_raw");
  await setup.end();
  return rates.sort((a, b) => a - b)[1];
}

/** Bulk COPY of each writer's rows, on as many connections as the machine has cores. */
async function rawPostgres(url) {
  const { from: copyFrom } = await import("pg-copy-streams");
  const lines = Array.from({ length: WRITERS }, (_, w) => rawRows(w).map((r) => r.join("\t")).join("\n") + "\n");
  return rawPostgresLimit(url, 2, (clients) =>
    Promise.all(
      clients.map(async (client, c) => {
        for (let w = c; w < WRITERS; w += clients.length) {
          await pipeline(Readable.from([lines[w]]), client.query(copyFrom("COPY bench_raw FROM STDIN")));
        }
      }),
    ),
  );
}

/**
 * The other raw limit the issue names: each writer's batches as INSERT … SELECT FROM unnest() of
 * 1,000 rows a statement, one connection per writer, as the server's pool would send them.
 */
async function rawPostgresUnnest(url) {
  const batches = Array.from({ length: WRITERS }, (_, w) => {
    const rows = rawRows(w);
    return Array.from({ length: BATCHES }, (_, b) => [0, 1, 2, 3, 4].map((c) => rows.slice(b * BATCH, (b + 1) * BATCH).map((r) => r[c])));
  });
  const insert = {
    name: "bench_raw_unnest",
    text: "insert into bench_raw select * from unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::bigint[])",
  };
  return rawPostgresLimit(url, WRITERS, (clients) =>
    Promise.all(
      clients.map(async (client, w) => {
        for (const values of batches[w]) await client.query({ ...insert, values });
      }),
    ),
  );
}

async function rawPglite() {
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = mkdtempSync(path.join(tmpdir(), "bench-pglite-"));
  const db = new PGlite(dir);
  await db.query("create table bench_raw (run_id text, key text, step bigint, value float8, ts bigint)");
  const started = performance.now();
  for (let w = 0; w < WRITERS; w++) {
    const rows = rawRows(w);
    for (let i = 0; i < rows.length; i += 1000) {
      const slice = rows.slice(i, i + 1000);
      await db.query(
        "insert into bench_raw select * from unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::bigint[])",
        [0, 1, 2, 3, 4].map((c) => slice.map((r) => r[c])),
      );
    }
  }
  const rate = (WRITERS * BATCHES * BATCH) / ((performance.now() - started) / 1000);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

const results = [];
const ceiling = await transportCeiling();
const cluster = await startCluster();
try {
  for (const target of ["pglite", "postgres"]) {
    const databaseUrl = target === "postgres" ? await createDatabase(cluster.url, `bench_${Date.now()}`) : undefined;
    const server = await startServer({ databaseUrl });
    try {
      const { token, projectId } = await seed(server.base);
      const http = await ingest(server.base, token, projectId);
      const read = await reads(server.base, token, projectId);
      results.push({ target, http, ...read });
    } finally {
      await server.stop();
    }
    // The raw limit is measured with the server stopped, so both figures get the whole machine.
    results.at(-1).raw = target === "postgres" ? await rawPostgres(await createDatabase(cluster.url, `raw_${Date.now()}`)) : await rawPglite();
    if (target === "postgres") results.at(-1).rawUnnest = await rawPostgresUnnest(await createDatabase(cluster.url, `unnest_${Date.now()}`));
  }
} finally {
  cluster.stop();
}

console.log(`\nbench:ingest — ${WRITERS} concurrent writers × ${BATCHES} batches × ${BATCH} points over HTTP (after ${WARMUP_BATCHES} warm-up batches each)`);
for (const r of results) {
  console.log(`\n[${r.target}]`);
  console.log(`  end to end          ${fmt(r.http)} points/s`);
  console.log(`  raw database limit  ${fmt(r.raw)} points/s (${r.target === "postgres" ? "COPY, 2 connections" : "UNNEST ×1000, in process"}) → ratio ${(r.http / r.raw).toFixed(2)}`);
  if (r.rawUnnest) console.log(`  raw database limit  ${fmt(r.rawUnnest)} points/s (UNNEST ×1000, one connection per writer) → ratio ${(r.http / r.rawUnnest).toFixed(2)}`);
  console.log(`  HTTP + JSON ceiling ${fmt(ceiling)} points/s (a server that only parses the batches) → ${(ceiling / r.raw).toFixed(2)} of the raw limit; end to end is ${(r.http / ceiling).toFixed(2)} of it`);
  console.log(`  vs MLflow log-batch ${(r.http / MLFLOW_LOG_BATCH_POINTS_PER_S).toFixed(1)}× (${fmt(MLFLOW_LOG_BATCH_POINTS_PER_S)} points/s)`);
  console.log(`  100k-point history  ${r.historyMs.toFixed(0)} ms gzip → ${(MLFLOW_100K_HISTORY_MS / r.historyMs).toFixed(1)}× faster than MLflow (${MLFLOW_100K_HISTORY_MS} ms)`);
  console.log(`                      ${r.historyPlainMs.toFixed(0)} ms uncompressed, as MLflow sends it → ${(MLFLOW_100K_HISTORY_MS / r.historyPlainMs).toFixed(1)}×`);
  console.log(`  1M-point series, max_points=1000: ${r.downsampledMs.toFixed(0)} ms`);
}
