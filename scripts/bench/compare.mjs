// npm run bench:compare — run comparison at scale against a production build, on PGlite and on
// PostgreSQL: 100 runs × 4 metrics × 100,000 points loaded over HTTP, then the chart query
// (POST /charts/query, server time from its Server-Timing header) for 20 runs × 2 keys and
// 100 runs × 4 keys at 1,000 points per series, and the time until the compare page of 100 runs
// is interactive in Chromium. "Cold" is a query the server has not answered before (each asks a
// different max_points, so no cached series is reused); "warm" repeats one.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { createDatabase, startCluster } from "../pg-cluster.mjs";
import { api, fmt, seed, startServer } from "./harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const KEYS = ["train/loss", "train/acc", "val/loss", "val/acc"];
const BATCH = 10_000;
const WRITERS = 4;
const REPEAT = 5;
const MLFLOW_100K_HISTORY_MS = 8000;
const TARGETS = { small: 150, large: 600, tti: 2000 };
const T0 = 1_700_000_000_000;

/** One batch of one key: smooth curves with noise, and one spike per series that must survive. */
function batch(run, key, b) {
  const points = new Array(BATCH);
  const spikeAt = (run * 7919 + key.length * 104_729) % POINTS;
  for (let i = 0; i < BATCH; i++) {
    const step = b * BATCH + i;
    const t = step / POINTS;
    const noise = Math.sin(step * 12.9898 + run) * 0.02;
    let value = key.endsWith("loss") ? 2 * Math.exp(-3 * t * (1 + run / RUNS)) + noise : 0.95 * (1 - Math.exp(-4 * t)) - run / (4 * RUNS) + noise;
    if (step === spikeAt) value = 42;
    points[i] = { key, value, step, timestamp: T0 + step * 100 };
  }
  return points;
}

async function load(base, token, projectId) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    runs.push(
      await api(base, token, "POST", `/api/v1/projects/${projectId}/runs`, {
        name: `sweep-${String(r).padStart(3, "0")}`,
        params: { lr: 10 ** -(2 + (r % 4)), batch_size: 32 * (1 + (r % 3)), seed: r, optimizer: r % 2 ? "adam" : "sgd" },
      }),
    );
  }
  const jobs = [];
  for (let r = 0; r < RUNS; r++) for (const key of KEYS) for (let b = 0; b < POINTS / BATCH; b++) jobs.push([r, key, b]);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < jobs.length) {
        const [r, key, b] = jobs[next++];
        const res = await fetch(`${base}/api/v1/runs/${runs[r].id}/metrics`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ points: batch(r, key, b) }),
        });
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // A finished sweep: nothing polls for new points while the page is timed.
  for (const run of runs) await api(base, token, "PATCH", `/api/v1/runs/${run.id}`, { status: "succeeded" });
  return { runIds: runs.map((r) => r.id), rate: (RUNS * KEYS.length * POINTS) / seconds, seconds };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function chartQuery(base, token, projectId, body) {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/projects/${projectId}/charts/query`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  const wall = performance.now() - started;
  if (!res.ok) throw new Error(`charts/query answered ${res.status}: ${JSON.stringify(json)}`);
  const server = Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN);
  return { json, wall, server };
}

/** Cold and warm server times of one chart query shape, with a check of what came back. */
async function timeQuery(base, token, projectId, runIds, keys) {
  const cold = [];
  const coldWall = [];
  for (let i = 0; i < REPEAT; i++) {
    const { server, wall } = await chartQuery(base, token, projectId, { run_ids: runIds, keys, max_points: 1000 - i });
    cold.push(server);
    coldWall.push(wall);
  }
  const warm = [];
  const warmWall = [];
  let last;
  for (let i = 0; i < REPEAT; i++) {
    const { server, wall, json } = await chartQuery(base, token, projectId, { run_ids: runIds, keys, max_points: 1000 });
    warm.push(server);
    warmWall.push(wall);
    last = json;
  }
  const series = last.series;
  const bounded = series.every((s) => s.aggregated && s.points.length <= 1000);
  const spikes = series.filter((s) => s.points.some((p) => (p.max ?? p.y) === 42)).length;
  if (series.length !== runIds.length * keys.length || !bounded) throw new Error("chart query answered the wrong series");
  return { cold: median(cold), coldWall: median(coldWall), warm: median(warm), warmWall: median(warmWall), series: series.length, spikes };
}

/** Time from navigation until the charts in view show all 100 runs and the page answers input. */
async function timeToInteractive(browser, base, email, projectId) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("bench-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/projects$/);
  const url = `/projects/${projectId}/compare?top=${RUNS}`;
  const visit = async () => {
    await page.goto(url, { waitUntil: "commit" });
    const drawn = await page.waitForFunction(
      (runs) => {
        const cards = [...document.querySelectorAll('[data-testid^="compare-chart-"]')];
        const inView = cards.filter((c) => c.getBoundingClientRect().top < window.innerHeight);
        const ready = inView.length > 0 && inView.every((c) => c.dataset.state === "ready" && Number(c.dataset.lines) === runs);
        return ready && inView.every((c) => c.querySelectorAll("path.compare-line-main").length === runs) ? { at: performance.now(), charts: inView.length } : false;
      },
      RUNS,
      { polling: "raf", timeout: 60_000 },
    );
    const { at, charts } = await drawn.jsonValue();
    // Interactive: the main thread is free to answer the next input once the lines are drawn.
    const idle = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
    return { drawn: at, interactive: idle, charts };
  };
  const cold = await visit();
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push(await visit());
  // The page stays usable: switching the x-axis redraws all charts in view.
  const t = performance.now();
  await page.getByRole("radio", { name: "Relative time" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="compare-chart-"]')].filter((c) => c.getBoundingClientRect().top < window.innerHeight).every((c) => c.dataset.state === "ready" && c.querySelector('[aria-label$="by relative time"]')), undefined, { polling: "raf", timeout: 60_000 });
  const switchMs = performance.now() - t;
  await context.close();
  return { cold, warm: warm.sort((a, b) => a.interactive - b.interactive)[1], switchMs };
}

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const results = [];
const cluster = await startCluster();
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
});
try {
  for (const target of (process.env.BENCH_TARGETS ?? "pglite,postgres").split(",")) {
    const databaseUrl = target === "postgres" ? await createDatabase(cluster.url, `bench_compare_${Date.now()}`) : undefined;
    const server = await startServer({ databaseUrl });
    try {
      const { token, projectId } = await seed(server.base);
      const { email } = await api(server.base, token, "GET", "/api/v1/me");
      console.log(`[${target}] loading ${RUNS} runs × ${KEYS.length} metrics × ${fmt(POINTS)} points…`);
      const loaded = await load(server.base, token, projectId);
      console.log(`[${target}] loaded in ${loaded.seconds.toFixed(0)} s; timing chart queries…`);
      const small = await timeQuery(server.base, token, projectId, loaded.runIds.slice(0, 20), ["train/loss", "val/acc"]);
      const large = await timeQuery(server.base, token, projectId, loaded.runIds, KEYS);
      console.log(`[${target}] timing the compare page in Chromium…`);
      const page = await timeToInteractive(browser, server.base, email, projectId);
      results.push({ target, loaded, small, large, page });
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
  cluster.stop();
}

const ms = (n) => `${n.toFixed(0)} ms`;
const verdict = (n, target) => (n < target ? `✓ < ${target} ms` : `✗ target < ${target} ms`);
console.log(`\nbench:compare — ${RUNS} runs × ${KEYS.length} metrics × ${fmt(POINTS)} points (${fmt(RUNS * KEYS.length * POINTS)} points), max_points=1000, median of ${REPEAT}`);
for (const r of results) {
  console.log(`\n[${r.target}]`);
  console.log(`  load over HTTP        ${fmt(r.loaded.rate)} points/s (${r.loaded.seconds.toFixed(0)} s)`);
  const small = `${Math.min(20, RUNS)} runs × 2 keys`.padEnd(17);
  const large = `${RUNS} runs × 4 keys`.padEnd(17);
  for (const [label, q, target] of [[small, r.small, TARGETS.small], [large, r.large, TARGETS.large]]) {
    console.log(`  ${label}     cold: server ${ms(q.cold)} (${verdict(q.cold, target)}), round trip ${ms(q.coldWall)}`);
    console.log(`                        warm: server ${ms(q.warm)} (${verdict(q.warm, target)}), round trip ${ms(q.warmWall)}`);
    console.log(`                        ${q.series} series ≤ 1000 points each, ${q.spikes}/${q.series} single-point spikes kept`);
  }
  const perSeries = r.large.cold / r.large.series;
  console.log(`  vs MLflow             ${ms(perSeries)} per ${fmt(POINTS)}-point series (cold, ${RUNS} × 4) vs ~${MLFLOW_100K_HISTORY_MS} ms for one 100k-point history`);
  console.log(`  compare page, ${RUNS} runs, Chromium (${r.page.cold.charts} charts in view):`);
  console.log(`    first visit: drawn ${ms(r.page.cold.drawn)}, interactive ${ms(r.page.cold.interactive)} (${verdict(r.page.cold.interactive, TARGETS.tti)})`);
  console.log(`    revisit:     drawn ${ms(r.page.warm.drawn)}, interactive ${ms(r.page.warm.interactive)} (${verdict(r.page.warm.interactive, TARGETS.tti)})`);
  console.log(`    x-axis switch redrawn in ${ms(r.page.switchMs)}`);
}
