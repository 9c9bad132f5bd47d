import { type APIRequestContext, expect, test } from "@playwright/test";
import { clickLink, postJson, signUpWithToken, uniqueUser } from "./helpers";

// Training code that speaks MLflow's REST protocol (as `mlflow` does with MLFLOW_TRACKING_URI and
// MLFLOW_TRACKING_TOKEN set) logs two runs against the production server; a person then finds them
// in the runs table, on a run page and in the compare view like any other run.
test.describe.configure({ mode: "serial" });

async function mlflow(api: APIRequestContext, token: string, path: string, data: unknown) {
  const response = await api.post(`/api/2.0/mlflow/${path}`, { data, headers: { authorization: `Bearer ${token}` } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return response.json();
}

test("runs logged through the MLflow API show up in the runs table, run page and compare view", async ({ page, playwright, baseURL }) => {
  const run = Date.now().toString(36);
  const user = uniqueUser("Mlflow", run);
  const api = await playwright.request.newContext({ baseURL });
  const experiment = `mnist-${run}`;
  const ids: string[] = [];
  let experimentId = "";

  await test.step("the MLflow protocol creates an experiment and logs two runs", async () => {
    const token = await signUpWithToken(page, user);
    await postJson(api, "/api/v1/teams", token, { name: `ML ${run}`, slug: `ml-${run}` });
    // mlflow.set_experiment: get-by-name answers 404 RESOURCE_DOES_NOT_EXIST, then create.
    const missing = await api.get(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${experiment}`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    ({ experiment_id: experimentId } = await mlflow(api, token, "experiments/create", { name: experiment }));
    for (const [i, lr] of ["0.1", "0.01"].entries()) {
      const created = await mlflow(api, token, "runs/create", {
        experiment_id: experimentId,
        run_name: `lr-${lr}-${run}`,
        start_time: Date.now(),
        tags: [{ key: "mlflow.source.type", value: "LOCAL" }],
      });
      const runId = created.run.info.run_id as string;
      ids.push(runId);
      const metrics = Array.from({ length: 200 }, (_, step) => ({ key: "loss", value: (i + 1) / (step + 1), timestamp: Date.now(), step }));
      await mlflow(api, token, "runs/log-batch", { run_id: runId, metrics, params: [{ key: "lr", value: lr }], tags: [{ key: "framework", value: "torch" }] });
      const put = await api.put(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/weights.txt`, {
        data: `weights ${lr}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(put.status(), await put.text()).toBe(200);
      await mlflow(api, token, "runs/update", { run_id: runId, run_uuid: runId, status: "FINISHED", end_time: Date.now() });
    }
    // A search whose GET URL is ~15 KB is answered (request heads longer than Node's default).
    const q = new URLSearchParams({ experiment_ids: experimentId, filter: `params.lr != '${"x".repeat(15_000)}'` });
    const long = await api.get(`/api/2.0/mlflow/runs/search?${q}`, { headers: { authorization: `Bearer ${token}` } });
    expect(long.status(), (await long.text()).slice(0, 200)).toBe(200);
    expect((await long.json()).runs).toHaveLength(2);
  });

  await test.step("the runs table lists both with their param and metric", async () => {
    await page.goto(`/projects/${experimentId}/runs`);
    await expect(page.getByTestId("runs-count")).toHaveText("2 runs");
    const table = page.getByRole("table", { name: "Runs" });
    await expect(table.getByRole("columnheader", { name: "lr", exact: true })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "loss", exact: true })).toBeVisible();
    await expect(table.locator(`tr[data-run-id="${ids[0]}"]`).getByText("Succeeded")).toBeVisible();
  });

  await test.step("a run page draws the loss chart and lists the artifact", async () => {
    await clickLink(page, page.getByRole("link", { name: `lr-0.1-${run}` }), new RegExp(`/runs/${ids[0]}$`));
    await expect(page.getByTestId("metric-chart-loss").locator("svg .recharts-line path").first()).toBeVisible();
    await page.getByRole("tab", { name: /Artifacts/ }).click();
    await expect(page.getByRole("table", { name: "Artifacts" }).getByRole("cell", { name: "model/weights.txt", exact: true })).toBeVisible();
  });

  await test.step("the compare view overlays both runs", async () => {
    await page.goto(`/projects/${experimentId}/compare?runs=${ids.join(",")}`);
    await expect(page.getByTestId("compare-summary")).toHaveText("Showing 2 runs");
    await expect(page.getByTestId("compare-chart-loss").locator("svg .recharts-line path").first()).toBeVisible();
    for (const id of ids) await expect(page.getByRole("list", { name: "Compared runs" }).locator(`li[data-run-id="${id}"]`)).toBeVisible();
  });
});
