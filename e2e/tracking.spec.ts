import { type APIRequestContext, expect, test } from "@playwright/test";
import { clickLink, uniqueUser } from "./helpers";

// Training code logs two runs over REST (as the SDK would); a person then signs in through the UI,
// finds them in the runs table, sorts and selects them, and reads one run's charts, logs and files.
test.describe.configure({ mode: "serial" });

const POINTS = 500;

async function post(api: APIRequestContext, url: string, token: string | null, data: unknown) {
  const response = await api.post(url, { data, headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** 500 steps of train/loss (falling) and val/acc (rising to `finalAcc`), in one batch. */
function curves(finalAcc: number, nanAt?: number) {
  const points: { key: string; value: number | "NaN"; step: number }[] = [];
  for (let step = 0; step < POINTS; step++) {
    const t = step / (POINTS - 1);
    points.push({ key: "train/loss", value: step === nanAt ? "NaN" : 2 * Math.exp(-3 * t) + 0.05 * Math.sin(step), step });
    points.push({ key: "val/acc", value: finalAcc * (1 - Math.exp(-5 * t)) / (1 - Math.exp(-5)), step });
  }
  return points;
}

test("runs table, selection and a run's page from data logged over REST", async ({ page, playwright, baseURL }) => {
  const run = Date.now().toString(36);
  const user = uniqueUser("Tracker", run);
  const api = await playwright.request.newContext({ baseURL });
  const names = { fast: `lr-high-${run}`, slow: `lr-low-${run}` };
  const ids = { fast: "", slow: "" };
  let projectId = "";

  await test.step("training code logs two runs over REST", async () => {
    await post(api, "/api/v1/auth/signup", null, { email: user.email, password: user.password, name: user.name });
    const { token } = await post(api, "/api/v1/auth/token", null, { email: user.email, password: user.password, name: "e2e" });
    await post(api, "/api/v1/teams", token, { name: `Tracking ${run}`, slug: `tracking-${run}` });
    ({ id: projectId } = await post(api, `/api/v1/teams/tracking-${run}/projects`, token, { name: `Sweeps ${run}`, slug: `sweeps-${run}` }));

    ids.fast = (await post(api, `/api/v1/projects/${projectId}/runs`, token, {
      name: names.fast,
      params: { lr: 0.01, batch_size: 64, optimizer: "adam" },
      tags: { sweep: run },
    })).id;
    ids.slow = (await post(api, `/api/v1/projects/${projectId}/runs`, token, {
      name: names.slow,
      params: { lr: 0.001, batch_size: 32, optimizer: "sgd" },
      tags: { sweep: run },
    })).id;
    await post(api, `/api/v1/runs/${ids.fast}/metrics`, token, { points: curves(0.9) });
    await post(api, `/api/v1/runs/${ids.slow}/metrics`, token, { points: curves(0.8, 250) });
    await post(api, `/api/v1/runs/${ids.fast}/logs`, token, {
      lines: [
        { stream: "stdout", text: `epoch 1/3 started ${run}` },
        { stream: "stdout", text: "epoch 1/3 loss=0.82" },
        { stream: "stderr", text: `warning: gradient clipped ${run}` },
      ],
    });
    const put = await api.put(`/api/v1/runs/${ids.fast}/artifacts/model/weights.txt`, {
      data: `weights ${run}`,
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
    });
    expect(put.status(), await put.text()).toBeLessThan(300);
    const patch = await api.patch(`/api/v1/runs/${ids.fast}`, { data: { status: "succeeded" }, headers: { authorization: `Bearer ${token}` } });
    expect(patch.status(), await patch.text()).toBe(200);
  });

  await test.step("the user signs in through the UI and opens the project's runs", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.goto(`/projects/${projectId}`);
    await clickLink(page, page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Runs" }), new RegExp(`/projects/${projectId}/runs$`));
  });

  const table = page.getByRole("table", { name: "Runs" });
  const dataRows = table.locator("tbody tr[data-run-id]");

  await test.step("both runs are listed with their param and metric columns", async () => {
    await expect(page.getByTestId("runs-count")).toHaveText("2 runs");
    for (const header of ["lr", "batch_size", "optimizer", "train/loss", "val/acc"]) {
      await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
    }
    const fast = table.locator(`tr[data-run-id="${ids.fast}"]`);
    await expect(fast.getByRole("link", { name: names.fast })).toBeVisible();
    await expect(fast).toContainText("0.01");
    await expect(fast).toContainText("adam");
    await expect(fast).toContainText("0.9");
    await expect(fast.getByText("Succeeded")).toBeVisible();
    await expect(table.locator(`tr[data-run-id="${ids.slow}"]`).getByText("Running")).toBeVisible();
  });

  await test.step("sorting by a metric column orders the rows and lands in the URL", async () => {
    const sortByAcc = table.getByRole("button", { name: "val/acc", exact: true });
    await sortByAcc.click();
    await expect(table.getByRole("columnheader", { name: "val/acc", exact: true })).toHaveAttribute("aria-sort", "ascending");
    await expect(dataRows.first()).toHaveAttribute("data-run-id", ids.slow);
    await sortByAcc.click();
    await expect(table.getByRole("columnheader", { name: "val/acc", exact: true })).toHaveAttribute("aria-sort", "descending");
    await expect(dataRows.first()).toHaveAttribute("data-run-id", ids.fast);
    await expect(page).toHaveURL(/sort=m:last:val\/acc&dir=desc/);
  });

  await test.step("filtering by a param condition keeps only the matching run", async () => {
    await page.getByRole("textbox", { name: "Filter by name or condition" }).fill("lr > 0.005");
    await expect(page.getByTestId("runs-count")).toHaveText("1 of 2 runs");
    await expect(dataRows).toHaveCount(1);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(dataRows).toHaveCount(2);
  });

  await test.step("selecting both runs offers a comparison link", async () => {
    await expect(page.getByRole("button", { name: "Compare (0)" })).toBeDisabled();
    await page.getByRole("checkbox", { name: `Select ${names.fast}` }).check();
    await page.getByRole("checkbox", { name: `Select ${names.slow}` }).check();
    const compare = page.getByRole("link", { name: "Compare (2)" });
    await expect(compare).toBeVisible();
    await expect(compare).toHaveAttribute("href", new RegExp(`/projects/${projectId}/compare\\?runs=(${ids.fast},${ids.slow}|${ids.slow},${ids.fast})$`));
    await expect(page).toHaveURL(/runs=run_/);
  });

  await test.step("the view is in the URL: a reload keeps sort and selection", async () => {
    await page.reload();
    await expect(table.getByRole("columnheader", { name: "val/acc", exact: true })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByRole("checkbox", { name: `Select ${names.slow}` })).toBeChecked();
    await expect(page.getByRole("link", { name: "Compare (2)" })).toBeVisible();
  });

  await test.step("a run's page draws its metrics", async () => {
    await clickLink(page, table.getByRole("link", { name: names.fast }), new RegExp(`/projects/${projectId}/runs/${ids.fast}$`));
    await expect(page.getByTestId("run-name")).toHaveText(names.fast);
    await expect(page.getByTestId("run-overview")).toContainText("Succeeded");
    for (const key of ["train/loss", "val/acc"]) {
      await expect(page.getByTestId(`metric-chart-${key}`).locator("svg .recharts-line path").first()).toBeVisible();
    }
  });

  await test.step("the logs show stdout and stderr lines", async () => {
    await page.getByRole("tab", { name: "Logs" }).click();
    const log = page.getByRole("log", { name: "Run logs" });
    await expect(log).toContainText(`epoch 1/3 started ${run}`);
    await expect(log.locator('[data-stream="stderr"]')).toContainText(`warning: gradient clipped ${run}`);
    await expect(page).toHaveURL(/\?tab=logs$/);
  });

  await test.step("the artifact is listed and downloads", async () => {
    await page.getByRole("tab", { name: /Artifacts/ }).click();
    const artifacts = page.getByRole("table", { name: "Artifacts" });
    await expect(artifacts.getByRole("cell", { name: "model/weights.txt", exact: true })).toBeVisible();
    const download = artifacts.getByRole("link", { name: "Download model/weights.txt" });
    const href = await download.getAttribute("href");
    expect(href).toBe(`/api/v1/runs/${ids.fast}/artifacts/model/weights.txt`);
    const body = await page.request.get(href!);
    expect(body.status()).toBe(200);
    expect(await body.text()).toBe(`weights ${run}`);
  });

  await test.step("notes are saved and survive a reload", async () => {
    await page.getByRole("tab", { name: "Notes" }).click();
    await page.getByRole("textbox", { name: /Notes/ }).fill(`Baseline for sweep ${run}`);
    await page.getByRole("button", { name: "Save notes" }).click();
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("textbox", { name: /Notes/ })).toHaveValue(`Baseline for sweep ${run}`);
  });

  await api.dispose();
});
