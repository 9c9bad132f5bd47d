import { expect, test } from "@playwright/test";
import { killAgent, postJson, signIn, startAgent, uniqueUser } from "./helpers";

// A data scientist writes an environment, edits it into a second version and reads the diff,
// launches a job in it on a real agent (which builds the virtualenv), presses Reproduce and sees
// the platform's verdict.
test.describe.configure({ mode: "serial" });

let agent: ReturnType<typeof startAgent> | undefined;

test.afterAll(() => killAgent(agent));

test("environment versions with a diff, a job in the environment, and a reproduction verdict", async ({ page, playwright, baseURL }) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const user = uniqueUser("Repro", run);
  const teamSlug = `env-${run}`;
  const api = await playwright.request.newContext({ baseURL });
  let projectId = "";

  await test.step("an account with a project and an agent, signed in", async () => {
    await postJson(api, "/api/v1/auth/signup", null, { email: user.email, password: user.password, name: user.name });
    const { token } = await postJson(api, "/api/v1/auth/token", null, { email: user.email, password: user.password, name: "e2e" });
    await postJson(api, "/api/v1/teams", token, { name: `Env ${run}`, slug: teamSlug });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/${teamSlug}/projects`, token, { name: `Repro ${run}`, slug: `repro-${run}` }));
    const { registration_token } = await postJson(api, `/api/v1/teams/${teamSlug}/compute`, token, { name: `cpu-${run}`, labels: { e2e: run } });
    agent = startAgent(baseURL!, registration_token, 0);
    await signIn(page, user);
  });

  await test.step("create an environment and edit it into a second version with a diff", async () => {
    await page.goto(`/projects/${projectId}/environments`);
    await page.getByRole("button", { name: "New environment" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("base");
    await dialog.getByLabel("Spec (YAML)").fill('env:\n  GREETING: "hello"\n');
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/environments/base`));
    await expect(page.getByTestId("pinned-badge").first()).toHaveText("pinned");
    await page.getByRole("button", { name: "New version" }).click();
    await page.getByLabel("Spec (YAML)").fill('env:\n  GREETING: "hello"\n  SEED: "7"\n');
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved as version 2")).toBeVisible();
    await expect(page.locator('[data-testid="env-version"][data-version="2"]')).toBeVisible();
    await expect(page.getByTestId("env-diff").locator('[data-change="added"]')).toContainText('SEED: "7"');
  });

  await test.step("launch a job in version 2 and reproduce it", async () => {
    await page.goto(`/projects/${projectId}/launch`);
    await page.getByLabel("Command").fill(`for i in 0 1 2; do echo "TRAINYARD_METRIC {\\"key\\": \\"loss\\", \\"value\\": $((10 - i)), \\"step\\": $i}"; done; echo "$GREETING seed=$SEED"`);
    await page.getByRole("combobox", { name: "Environment" }).click();
    await page.getByRole("option", { name: /^base@2/ }).click();
    await page.getByLabel("Labels").fill(`e2e=${run}`);
    await page.getByRole("button", { name: "Launch", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/runs/run_`));
    await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: 60_000 });
    await page.getByRole("button", { name: "Reproduce" }).click();
    await expect(page.getByTestId("reproduction-verdict")).toHaveText("reproduced", { timeout: 60_000 });
    await page.getByTestId("reproduction-compare").click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/compare\\?runs=run_[^,]+,run_`));
  });
});
