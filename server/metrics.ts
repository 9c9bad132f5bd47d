import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

const holder = globalThis as unknown as { __trainyardMetrics?: ReturnType<typeof create> };

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "trainyard_" });
  const requests = new Counter({
    name: "trainyard_api_requests_total",
    help: "API requests by transport, route and status",
    labelNames: ["transport", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "trainyard_api_request_duration_seconds",
    help: "API request duration by transport and route",
    labelNames: ["transport", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests, duration };
}

export function metrics() {
  holder.__trainyardMetrics ??= create();
  return holder.__trainyardMetrics;
}

export function observeRequest(transport: "rest" | "trpc" | "mlflow", route: string, status: number, seconds: number) {
  const m = metrics();
  m.requests.inc({ transport, route, status: String(status) });
  m.duration.observe({ transport, route }, seconds);
}
