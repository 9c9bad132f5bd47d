import { expect, test } from "@playwright/test";
import { runColor } from "../components/charts/prepare/run-color";
import { clickLink, postJson, signUp, uniqueUser } from "./helpers";

// Three runs are logged over REST; a person picks them in the runs table, opens the comparison,
// reads the overlaid charts, narrows the table to what differs, switches the x-axis, saves the
// comparison as a dashboard panel and zooms in.
test.describe.configure({ mode: "serial" });

const STEPS = 300;

/** train/loss falling at a rate set by lr, val/acc rising, one point per second; test/acc once. */
function curves(lr: number, finalAcc: number) {
  const t0 = Date.now() - STEPS * 1000;
  const points: { key: string; value: number; step: number; timestamp: number }[] = [];
  for (let step = 0; step < STEPS; step++) {
    const t = step / (STEPS - 1);
    points.push({ key: "train/loss", value: 2 * Math.exp(-lr * 300 * t) + 0.02 * Math.sin(step), step, timestamp: t0 + step * 1000 });
    points.push({ key: "val/acc", value: finalAcc * (1 - Math.exp(-4 * t)), step, timestamp: t0 + step * 1000 });
  }
  points.push({ key: "test/acc", value: finalAcc - 0.01, step: STEPS, timestamp: t0 + STEPS * 1000 });
  return points;
}

test("compare three runs: overlaid charts, differences only, x-axis, save to a dashboard, zoom", async ({ page }) => {
  const run = Date.now().toString(36);
  const user = uniqueUser("Comparer", run);
  const specs = [
    { name: `lr-1e-2-${run}`, lr: 0.01, bs: 64, acc: 0.92 },
    { name: `lr-3e-3-${run}`, lr: 0.003, bs: 64, acc: 0.88 },
    { name: `lr-1e-3-${run}`, lr: 0.001, bs: 32, acc: 0.81 },
  ];
  const ids: string[] = [];
  let projectId = "";

  await test.step("a new user logs three runs over REST, with the browser's session", async () => {
    // One sign-up and no sign-in: the auth endpoints are rate limited per client, and the REST API
    // takes the session cookie as well as a token.
    await signUp(page, user);
    const api = page.request;
    await postJson(api, "/api/v1/teams", null, { name: `Compare ${run}`, slug: `compare-${run}` });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/compare-${run}/projects`, null, { name: `Sweep ${run}`, slug: `sweep-${run}` }));
    for (const s of specs) {
      const { id } = await postJson(api, `/api/v1/projects/${projectId}/runs`, null, { name: s.name, params: { lr: s.lr, batch_size: s.bs, optimizer: "adam" } });
      ids.push(id);
      await postJson(api, `/api/v1/runs/${id}/metrics`, null, { points: curves(s.lr, s.acc) });
    }
  });

  await test.step("the user picks the three runs in the runs table and opens the comparison", async () => {
    await page.goto(`/projects/${projectId}/runs`);
    await expect(page.getByTestId("runs-count")).toHaveText("3 runs");
    for (const s of specs) await page.getByRole("checkbox", { name: `Select ${s.name}` }).check();
    await clickLink(page, page.getByRole("link", { name: "Compare (3)" }), new RegExp(`/projects/${projectId}/compare\\?runs=`));
  });

  const lossChart = page.getByTestId("compare-chart-train/loss");
  const mainLines = lossChart.locator("path.compare-line-main");

  await test.step("each metric is a chart with the three runs in their own colours", async () => {
    await expect(page.getByTestId("compare-summary")).toHaveText("Showing 3 runs");
    await expect(page.getByRole("region", { name: "train/ metrics" })).toBeVisible();
    await expect(page.getByRole("region", { name: "val/ metrics" })).toBeVisible();
    await expect(lossChart).toHaveAttribute("data-state", "ready");
    await expect(mainLines).toHaveCount(3);
    const strokes = await mainLines.evaluateAll((paths) => paths.map((p) => p.getAttribute("stroke")));
    expect(strokes.sort()).toEqual(ids.map(runColor).sort());
    for (const id of ids) await expect(page.getByRole("list", { name: "Compared runs" }).locator(`li[data-run-id="${id}"]`)).toBeVisible();
    // A metric logged once per run is a bar chart, not a line (drawn once scrolled near).
    await page.getByRole("region", { name: "Single-value metrics" }).scrollIntoViewIfNeeded();
    await expect(page.getByTestId("value-bars-test/acc")).toBeVisible();
  });

  await test.step("hovering a chart shows every run's value at that step", async () => {
    await lossChart.scrollIntoViewIfNeeded();
    const layer = lossChart.getByTestId("chart-pointer-layer");
    const box = (await layer.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = lossChart.getByRole("tooltip");
    await expect(tooltip).toContainText(/Step \d+/);
    for (const s of specs) await expect(tooltip).toContainText(s.name);
  });

  await test.step("differences only hides the params every run shares", async () => {
    await page.getByRole("heading", { name: "Params and metrics" }).scrollIntoViewIfNeeded();
    const table = page.getByRole("table", { name: "Compared runs" });
    await expect(table.getByRole("columnheader", { name: "optimizer", exact: true })).toBeVisible();
    await page.getByRole("checkbox", { name: "Differences only" }).check();
    await expect(table.getByRole("columnheader", { name: "optimizer", exact: true })).toHaveCount(0);
    await expect(table.getByRole("columnheader", { name: "lr", exact: true })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "batch_size", exact: true })).toBeVisible();
    await expect(page).toHaveURL(/diff=1/);
  });

  await test.step("the x-axis switches to relative time and the charts follow", async () => {
    await page.getByRole("radio", { name: "Relative time" }).click();
    await expect(page.getByRole("radio", { name: "Relative time" })).toHaveAttribute("aria-checked", "true");
    await expect(page).toHaveURL(/x=relative_time/);
    await expect(lossChart.getByRole("img", { name: "train/loss by relative time" })).toBeVisible();
    await expect(lossChart).toHaveAttribute("data-state", "ready");
    await expect(mainLines).toHaveCount(3);
    await expect(lossChart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toHaveText(/^(0s|\d+m \d\ds|\d+s)$/);
  });

  await test.step("the comparison is saved to the project's dashboard, where it shows the same three runs, also after a reload", async () => {
    const compareUrl = page.url();
    await page.getByRole("button", { name: "Save to dashboard" }).click();
    const dialog = page.getByRole("dialog", { name: "Save to dashboard" });
    await expect(dialog.getByRole("combobox", { name: "Dashboard" })).toHaveText(/^Overview/);
    await expect(dialog.getByLabel("Panel title")).toHaveValue("Compare: 3 runs");
    await dialog.getByRole("button", { name: "Save panel" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Added Compare: 3 runs to Overview.");
    await clickLink(page, dialog.getByRole("link", { name: "Open dashboard" }), new RegExp(`/projects/${projectId}/dashboards/dsh_\\w+$`));

    const saved = page.getByTestId("dashboard-panel").filter({ has: page.getByRole("heading", { name: "Compare: 3 runs" }) });
    const savedLoss = saved.getByTestId("compare-chart-train/loss");
    async function expectSavedPanel() {
      await saved.scrollIntoViewIfNeeded();
      await expect(saved).toHaveAttribute("data-kind", "line_charts");
      await expect(saved).toContainText("Showing 3 runs");
      await expect(savedLoss).toHaveAttribute("data-state", "ready");
      await expect(savedLoss).toHaveAttribute("data-lines", "3");
      // The x-axis chosen in the comparison came along.
      await expect(savedLoss.getByRole("img", { name: "train/loss by relative time" })).toBeVisible();
      const strokes = await savedLoss.locator("path.compare-line-main").evaluateAll((paths) => paths.map((p) => p.getAttribute("stroke")));
      expect(strokes.sort()).toEqual(ids.map(runColor).sort());
    }
    await expectSavedPanel();
    await page.reload();
    await expectSavedPanel();
    // Its settings say which runs it keeps, and how to go back to a filter.
    await page.getByRole("button", { name: "Edit dashboard" }).click();
    await saved.getByRole("button", { name: "Edit panel" }).click();
    const editor = page.getByRole("dialog", { name: "Edit panel" });
    await expect(editor.getByText("3 picked runs")).toBeVisible();
    await expect(editor.getByRole("button", { name: "Clear picked runs" })).toBeVisible();
    await editor.getByRole("button", { name: "Cancel" }).click();
    await expect(editor).toHaveCount(0);
    await page.goto(compareUrl);
    await expect(page.getByTestId("compare-summary")).toHaveText("Showing 3 runs");
  });

  await test.step("dragging across a chart zooms into that range, and the view survives a reload", async () => {
    await page.getByRole("radio", { name: "Step" }).click();
    await expect(lossChart.getByRole("img", { name: "train/loss by step" })).toBeVisible();
    await lossChart.scrollIntoViewIfNeeded();
    const layer = lossChart.getByTestId("chart-pointer-layer");
    const box = (await layer.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/from=\d+(\.\d+)?&to=\d+(\.\d+)?/);
    await expect(page.getByRole("button", { name: "Reset zoom" })).toBeVisible();
    await expect(lossChart).toHaveAttribute("data-state", "ready");
    const ticks = await lossChart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();
    expect(Number(ticks.at(-1))).toBeLessThanOrEqual(160);
    await page.reload();
    await page.getByRole("heading", { name: "Params and metrics" }).scrollIntoViewIfNeeded();
    await expect(page.getByRole("checkbox", { name: "Differences only" })).toBeChecked();
    await expect(page.getByRole("button", { name: "Reset zoom" })).toBeVisible();
    await page.getByRole("button", { name: "Reset zoom" }).click();
    await expect(page).not.toHaveURL(/from=/);
  });

});
