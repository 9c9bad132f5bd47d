import { describe, expect, it } from "vitest";
import { getMetricRoute, logMetricsRoute } from "../handlers/metrics";
import { handleMlflow } from "../mlflow/dispatch";
import { matchDirectRoute } from "./routes";

describe("matchDirectRoute", () => {
  it("takes a metric batch POST with the run id decoded", () => {
    const m = matchDirectRoute("POST", "/api/v1/runs/run_a%2Bb/metrics");
    expect(m?.handler).toBe(logMetricsRoute);
    expect(m?.params).toEqual({ runId: "run_a+b" });
    expect(matchDirectRoute("POST", "/api/v1/runs/run_1/metrics?x=1")?.params).toEqual({ runId: "run_1" });
  });

  it("takes a series GET with the key's segments decoded, as Next.js's [...key] gives them", () => {
    const m = matchDirectRoute("GET", "/api/v1/runs/run_1/metrics/train/loss%20avg?max_points=10");
    expect(m?.handler).toBe(getMetricRoute);
    expect(m?.params).toEqual({ runId: "run_1", key: ["train", "loss avg"] });
  });

  it("takes MLflow's tracking API under both prefixes, with the endpoint path as Next.js's [...path]", () => {
    const batch = matchDirectRoute("POST", "/api/2.0/mlflow/runs/log-batch");
    expect(batch?.handler).toBe(handleMlflow);
    expect(batch?.params).toEqual({ path: ["runs", "log-batch"] });
    expect(matchDirectRoute("GET", "/ajax-api/2.0/mlflow/metrics/get-history?run_id=r&metric_key=a%2Fb")?.params).toEqual({ path: ["metrics", "get-history"] });
    expect(matchDirectRoute("DELETE", "/api/2.0/mlflow/runs/delete-tag")?.handler).toBe(handleMlflow);
    expect(matchDirectRoute("PUT", "/api/2.0/mlflow/runs/log-batch")).toBeNull();
    expect(matchDirectRoute("GET", "/api/2.0/mlflow-artifacts/artifacts/a")).toBeNull();
  });

  it("leaves everything else to Next.js", () => {
    for (const [method, url] of [
      ["GET", "/api/v1/runs/run_1/metrics"],
      ["PUT", "/api/v1/runs/run_1/metrics"],
      ["POST", "/api/v1/runs/run_1/metrics/"],
      ["POST", "/api/v1/runs/run_1/logs"],
      ["GET", "/api/v1/runs/run_1/metrics/"],
      ["GET", "/api/v1/runs/run_1/metrics/a//b"],
      ["GET", "/api/v1/runs/run_1/metrics/../x"],
      ["GET", "/api/v1/runs/run_1/metrics/%E0%A4%A"],
      ["GET", "/api/v1/runs//metrics/a"],
      ["GET", "/runs/run_1"],
    ] as const) {
      expect(matchDirectRoute(method, url), `${method} ${url}`).toBeNull();
    }
    expect(matchDirectRoute(undefined, "/api/v1/runs/run_1/metrics")).toBeNull();
  });
});
