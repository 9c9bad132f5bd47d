import { expect, test } from "@playwright/test";
import { clickLink, newPerson, postJson, signUp, uniqueUser } from "./helpers";

// A project's default dashboard: its owner adds a leaderboard, makes it wide, moves it up and
// saves; the layout survives a reload. A viewer sees the same dashboard and no edit controls.
test.describe.configure({ mode: "serial" });

const STEPS = 50;

function points(finalAcc: number) {
  return Array.from({ length: STEPS }, (_, step) => ({ key: "val/acc", value: finalAcc * (1 - Math.exp(-step / 10)), step }));
}

test("default dashboard: add, resize and move a leaderboard, save; a viewer cannot edit", async ({ browser, page }) => {
  const run = Date.now().toString(36);
  const owner = uniqueUser("Dana", run);
  const viewer = uniqueUser("Vic", run);
  const teamSlug = `dash-${run}`;
  const specs = [
    { name: `small-${run}`, lr: 0.1, acc: 0.71 },
    { name: `best-${run}`, lr: 0.01, acc: 0.93 },
    { name: `mid-${run}`, lr: 0.001, acc: 0.85 },
  ];
  let projectId = "";
  let dashboardUrl = "";
  const panels = page.getByTestId("dashboard-panel");

  await test.step("the owner logs three runs over REST into a new project", async () => {
    await signUp(page, owner);
    const api = page.request;
    await postJson(api, "/api/v1/teams", null, { name: `Dash ${run}`, slug: teamSlug });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/${teamSlug}/projects`, null, { name: `Board ${run}`, slug: `board-${run}` }));
    for (const s of specs) {
      const { id } = await postJson(api, `/api/v1/projects/${projectId}/runs`, null, { name: s.name, params: { lr: s.lr, optimizer: "adam" } });
      await postJson(api, `/api/v1/runs/${id}/metrics`, null, { points: points(s.acc) });
    }
  });

  await test.step("the project's Dashboard tab lists the default dashboard, which opens with its panels", async () => {
    await page.goto(`/projects/${projectId}`);
    await clickLink(page, page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Dashboard" }), new RegExp(`/projects/${projectId}/dashboards$`));
    await clickLink(page, page.getByRole("list", { name: "Dashboards" }).getByRole("link", { name: /Overview/ }), new RegExp(`/projects/${projectId}/dashboards/dsh_\\w+$`));
    dashboardUrl = page.url();
    await expect(page.getByRole("heading", { name: "Overview", level: 2 })).toBeVisible();
    await expect(panels).toHaveCount(4);
    expect(await panels.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(["line_charts", "leaderboard", "compute_usage", "pending_promotions"]);
    // The line charts panel draws the latest runs with the compare view's charts.
    const chart = panels.nth(0).getByTestId("compare-chart-val/acc");
    await expect(chart).toHaveAttribute("data-state", "ready");
    await expect(chart.locator("path.compare-line-main")).toHaveCount(3);
    // Panels below the fold ask for their data once scrolled near.
    await panels.nth(1).scrollIntoViewIfNeeded();
    await expect(panels.nth(1).getByText("No metric chosen yet")).toBeVisible();
  });

  await test.step("in edit mode the owner adds a leaderboard by val/acc (max)", async () => {
    await page.getByRole("button", { name: "Edit dashboard" }).click();
    const toolbar = page.getByRole("toolbar", { name: "Edit dashboard" });
    await toolbar.getByRole("button", { name: "Add panel" }).click();
    const dialog = page.getByRole("dialog", { name: "Add panel" });
    await dialog.getByRole("radio", { name: /Leaderboard/ }).check();
    await dialog.getByLabel("Title").fill("Best val/acc");
    await dialog.getByRole("combobox", { name: "Metric" }).click();
    await page.getByRole("option", { name: "val/acc", exact: true }).click();
    await dialog.getByRole("combobox", { name: "Summary" }).click();
    await page.getByRole("option", { name: "max", exact: true }).click();
    await dialog.getByRole("button", { name: "Add panel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(panels).toHaveCount(5);
    const added = panels.nth(4);
    await added.scrollIntoViewIfNeeded();
    await expect(added.getByRole("heading", { name: "Best val/acc" })).toBeVisible();
    await expect(added).toHaveAttribute("data-w", "6");
    const rows = added.getByRole("table", { name: "Leaderboard by val/acc" }).getByRole("row");
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText(specs[1]!.name);
    await expect(rows.nth(3)).toContainText(specs[0]!.name);
  });

  await test.step("the owner makes it wide, moves it above pending promotions and saves", async () => {
    const added = panels.filter({ has: page.getByRole("heading", { name: "Best val/acc" }) });
    await added.getByRole("button", { name: "Wide" }).click();
    await expect(added).toHaveAttribute("data-w", "12");
    await expect(added.getByRole("button", { name: "Wide" })).toHaveAttribute("aria-pressed", "true");
    await added.getByRole("button", { name: "Move up" }).click();
    await expect(panels.nth(3).getByRole("heading", { name: "Best val/acc" })).toBeVisible();
    await page.getByRole("toolbar", { name: "Edit dashboard" }).getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("toolbar", { name: "Edit dashboard" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Edit dashboard" })).toBeVisible();
  });

  await test.step("after a reload the layout is as saved", async () => {
    await page.reload();
    await expect(panels).toHaveCount(5);
    expect(await panels.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(["line_charts", "leaderboard", "compute_usage", "leaderboard", "pending_promotions"]);
    const saved = panels.nth(3);
    await saved.scrollIntoViewIfNeeded();
    await expect(saved.getByRole("heading", { name: "Best val/acc" })).toBeVisible();
    await expect(saved).toHaveAttribute("data-w", "12");
    await expect(saved.getByRole("table", { name: "Leaderboard by val/acc" }).getByRole("row").nth(1)).toContainText(specs[1]!.name);
    await expect(saved.getByText("Top 3 runs by val/acc (max), highest first")).toBeVisible();
  });

  const viewerPage = await newPerson(browser);
  await test.step("a viewer sees the dashboard without any edit control", async () => {
    await signUp(viewerPage, viewer);
    await postJson(page.request, `/api/v1/teams/${teamSlug}/members`, null, { email: viewer.email, role: "viewer" });
    await viewerPage.goto(dashboardUrl);
    await expect(viewerPage.getByRole("heading", { name: "Overview", level: 2 })).toBeVisible();
    const seen = viewerPage.getByTestId("dashboard-panel");
    await expect(seen).toHaveCount(5);
    await seen.nth(3).scrollIntoViewIfNeeded();
    await expect(seen.nth(3).getByRole("table", { name: "Leaderboard by val/acc" }).getByRole("row").nth(1)).toContainText(specs[1]!.name);
    await expect(viewerPage.getByText("you can look, members can edit")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "Edit dashboard" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Move up" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Remove panel" })).toHaveCount(0);
    await viewerPage.goto(`/projects/${projectId}/dashboards`);
    await expect(viewerPage.getByRole("list", { name: "Dashboards" }).getByRole("link", { name: /Overview/ })).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "New dashboard" })).toHaveCount(0);
    // The server refuses a viewer's save whatever the UI shows.
    const dashboardId = new URL(dashboardUrl).pathname.split("/").pop()!;
    const put = await viewerPage.request.put(`/api/v1/dashboards/${dashboardId}`, { data: { revision: 2, name: "mine" } });
    expect(put.status()).toBe(403);
  });
});
