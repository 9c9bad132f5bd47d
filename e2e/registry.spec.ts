import { expect, test } from "@playwright/test";
import { clickLink, newPerson, postJson, signIn, uniqueUser } from "./helpers";

// A reviewed promotion, as in a pull request: the owner guards `production` with a policy, a member
// registers a run's artifact as a model version and asks for `production`; a reviewer in another
// browser finds it in their queue, rejects it with a comment, then approves a second request, and
// the model page shows the alias and its history.
test.describe.configure({ mode: "serial" });

test("register a version from a run, request production, reject, approve and see the alias move", async ({ browser, page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const owner = uniqueUser("Olga", run);
  const member = uniqueUser("Milo", run);
  const reviewer = uniqueUser("Rita", run);
  const teamSlug = `registry-${run}`;
  const modelName = `digits-${run}`;
  const api = await playwright.request.newContext({ baseURL });
  let projectId = "";
  let runId = "";
  let modelId = "";
  let firstRequest = "";
  let secondRequest = "";

  await test.step("the owner sets up a team, a project and a production policy over REST", async () => {
    for (const person of [owner, member, reviewer]) {
      await postJson(api, "/api/v1/auth/signup", null, { email: person.email, password: person.password, name: person.name });
    }
    const { token } = await postJson(api, "/api/v1/auth/token", null, { email: owner.email, password: owner.password, name: "e2e" });
    await postJson(api, "/api/v1/teams", token, { name: `Registry ${run}`, slug: teamSlug });
    await postJson(api, `/api/v1/teams/${teamSlug}/members`, token, { email: member.email, role: "member" });
    await postJson(api, `/api/v1/teams/${teamSlug}/members`, token, { email: reviewer.email, role: "reviewer" });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/${teamSlug}/projects`, token, { name: `Digits ${run}`, slug: `digits-${run}` }));
    const policy = await api.put(`/api/v1/projects/${projectId}/promotion-policies/production`, {
      data: { required_approvals: 1, checks: [{ kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 }] },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(policy.status(), await policy.text()).toBe(200);
  });

  await test.step("the member's training code logs a run with val/acc 0.95 and a weights file", async () => {
    const { token } = await postJson(api, "/api/v1/auth/token", null, { email: member.email, password: member.password, name: "e2e" });
    ({ id: runId } = await postJson(api, `/api/v1/projects/${projectId}/runs`, token, { name: `train-${run}`, params: { lr: 0.01 } }));
    const points = [0.5, 0.8, 0.95].map((value, step) => ({ key: "val/acc", value, step }));
    await postJson(api, `/api/v1/runs/${runId}/metrics`, token, { points });
    const put = await api.put(`/api/v1/runs/${runId}/artifacts/model/weights.bin`, {
      data: `weights ${run}`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    });
    expect(put.status(), await put.text()).toBeLessThan(300);
    const patch = await api.patch(`/api/v1/runs/${runId}`, { data: { status: "succeeded" }, headers: { authorization: `Bearer ${token}` } });
    expect(patch.status(), await patch.text()).toBe(200);
  });

  await test.step("the member registers the weights as a new model from the run page", async () => {
    await signIn(page, member);
    await page.goto(`/projects/${projectId}/runs/${runId}`);
    await page.getByRole("button", { name: "Register model" }).click();
    const dialog = page.getByRole("dialog", { name: "Register model" });
    await dialog.getByLabel("Model").fill(modelName);
    await expect(dialog.getByText(`A new model “${modelName}” will be created.`)).toBeVisible();
    // The only file is chosen already; the folder above it is offered too.
    await expect(dialog.getByRole("combobox", { name: "Artifact path" })).toContainText("model/weights.bin");
    await dialog.getByRole("combobox", { name: "Artifact path" }).click();
    await expect(page.getByRole("option", { name: /^model\/ \(1 file/ })).toBeVisible();
    await page.getByRole("option", { name: /^model\/weights\.bin/ }).click();
    await dialog.getByRole("button", { name: "Register version" }).click();
    await expect(dialog.getByTestId("registered-version")).toContainText(`${modelName} version 1`);
    await clickLink(page, dialog.getByRole("link", { name: "Open model" }), new RegExp(`/projects/${projectId}/models/mdl_`));
    modelId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("model-name")).toHaveText(modelName);
    await expect(page.locator('[data-testid="model-version"][data-version="1"]')).toContainText("model/weights.bin");
  });

  await test.step("the member requests production for v1", async () => {
    await page.getByRole("button", { name: "Request promotion for v1" }).click();
    const dialog = page.getByRole("dialog", { name: "Request promotion" });
    await dialog.getByRole("combobox", { name: "Alias" }).click();
    await page.getByRole("option", { name: "production", exact: true }).click();
    await expect(dialog.getByText("its policy asks for 1 approval and 1 check")).toBeVisible();
    await dialog.getByLabel("Description").fill(`first try ${run}`);
    await dialog.getByRole("button", { name: "Request promotion" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/promotions/prom_`));
    firstRequest = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("promotion-state")).toHaveText("open");
    await expect(page.getByTestId("promotion-approvals")).toHaveText("0 of 1");
    // The requester may cancel, never review.
    await expect(page.getByRole("button", { name: "Cancel request" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  });

  const reviewerPage = await newPerson(browser);
  await test.step("the reviewer sees the count, finds the request in the queue and rejects it with a comment", async () => {
    await signIn(reviewerPage, reviewer);
    await expect(reviewerPage.getByTestId("review-count")).toHaveText("1");
    await clickLink(reviewerPage, reviewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Reviews/ }), /\/reviews$/);
    const row = reviewerPage.locator(`[data-testid="review-queue-row"][data-promotion-id="${firstRequest}"]`);
    await expect(row).toContainText(modelName);
    await expect(row).toContainText(member.name);
    await expect(row).toContainText("1 of 1 passed");
    await clickLink(reviewerPage, row.getByRole("link", { name: "v1 → production" }), new RegExp(`/promotions/${firstRequest}$`));
    const check = reviewerPage.getByTestId("promotion-check");
    await expect(check).toHaveCount(1);
    await expect(check).toHaveAttribute("data-passed", "true");
    await expect(check).toContainText("val/acc (last) >= 0.9");
    await expect(check).toContainText("0.95");
    await expect(reviewerPage.getByRole("region", { name: "Current version" })).toContainText("No current version");
    await expect(reviewerPage.locator('[data-testid="metric-compare-row"][data-key="val/acc"]')).toContainText("0.95");
    // The chart asks for its points once it comes near the viewport.
    await reviewerPage.getByTestId("compare-chart-val/acc").scrollIntoViewIfNeeded();
    await expect(reviewerPage.getByTestId("compare-chart-val/acc")).toHaveAttribute("data-lines", "1");
    await reviewerPage.getByLabel("Comment").fill(`needs a held-out test set ${run}`);
    await reviewerPage.getByRole("button", { name: "Reject" }).click();
    await expect(reviewerPage.getByTestId("promotion-state")).toHaveText("rejected");
    await expect(reviewerPage.locator('[data-testid="review"][data-decision="reject"]')).toContainText(`needs a held-out test set ${run}`);
    await expect(reviewerPage.getByTestId("review-count")).toHaveCount(0);
  });

  await test.step("the member asks again from the model's production alias", async () => {
    await page.goto(`/projects/${projectId}/models/${modelId}`);
    await expect(page.locator('[data-testid="promotion-row"][data-state="rejected"]')).toHaveCount(1);
    await page.getByRole("button", { name: "Request promotion to production" }).click();
    const dialog = page.getByRole("dialog", { name: "Request promotion" });
    await expect(dialog.getByRole("combobox", { name: "Version" })).toContainText("v1");
    await dialog.getByLabel("Description").fill(`with the test set ${run}`);
    await dialog.getByRole("button", { name: "Request promotion" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/promotions/prom_`));
    secondRequest = new URL(page.url()).pathname.split("/").pop()!;
    expect(secondRequest).not.toBe(firstRequest);
    await expect(page.getByTestId("promotion-state")).toHaveText("open");
  });

  await test.step("the reviewer approves the new request and it is applied", async () => {
    await reviewerPage.goto("/reviews");
    await expect(reviewerPage.getByTestId("review-count")).toHaveText("1");
    const row = reviewerPage.locator(`[data-testid="review-queue-row"][data-promotion-id="${secondRequest}"]`);
    await clickLink(reviewerPage, row.getByRole("link", { name: "v1 → production" }), new RegExp(`/promotions/${secondRequest}$`));
    await reviewerPage.getByLabel("Comment").fill("ship it");
    await reviewerPage.getByRole("button", { name: "Approve" }).click();
    await expect(reviewerPage.getByTestId("promotion-state")).toHaveText("applied");
    await expect(reviewerPage.getByTestId("promotion-approvals")).toHaveText("1 of 1");
    await expect(reviewerPage.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(reviewerPage.getByTestId("review-count")).toHaveCount(0);
  });

  await test.step("the model page shows production → v1 and the move in the alias history", async () => {
    await page.goto(`/projects/${projectId}/models/${modelId}`);
    await expect(page.locator('[data-testid="alias-row"][data-alias="production"]').getByTestId("alias-version")).toHaveText("v1");
    const history = page.getByTestId("alias-history-row");
    await expect(history).toHaveCount(1);
    await expect(history).toContainText("production");
    await expect(history).toContainText("none → v1");
    await expect(history).toContainText(reviewer.name);
    await expect(history.getByRole("link", { name: "View request" })).toHaveAttribute("href", `/projects/${projectId}/promotions/${secondRequest}`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Models" }).click();
    const listed = page.getByRole("table", { name: "Models" }).getByRole("row", { name: new RegExp(modelName) });
    await expect(listed).toContainText("production");
    await expect(listed).toContainText("v1");
  });

  await reviewerPage.context().close();
});
