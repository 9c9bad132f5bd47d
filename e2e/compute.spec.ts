import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { killAgent, postJson, signIn, startAgent, uniqueUser } from "./helpers";

// A team admin registers compute in the browser and starts the real agent (the `trainyard` CLI)
// with the token the page shows, on a host whose nvidia-smi is a stand-in with 2 GPUs. A data
// scientist then launches a job from the form, watches its logs stream in and sees it succeed,
// and cancels a second one while it runs.
test.describe.configure({ mode: "serial" });

let agent: ReturnType<typeof startAgent> | undefined;

test.afterAll(() => killAgent(agent));

test("register compute, launch a job from the form, watch it stream and succeed, cancel another", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const user = uniqueUser("Launcher", run);
  const teamSlug = `compute-${run}`;
  const targetName = `gpu-${run}`;
  const api = await playwright.request.newContext({ baseURL });
  let projectId = "";

  await test.step("an account with a team and a project, signed in", async () => {
    await postJson(api, "/api/v1/auth/signup", null, { email: user.email, password: user.password, name: user.name });
    const { token } = await postJson(api, "/api/v1/auth/token", null, { email: user.email, password: user.password, name: "e2e" });
    await postJson(api, "/api/v1/teams", token, { name: `Compute ${run}`, slug: teamSlug });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/${teamSlug}/projects`, token, { name: `Train ${run}`, slug: `train-${run}` }));
    await signIn(page, user);
  });

  let token = "";
  await test.step("register compute and get a one-time token and the agent command", async () => {
    await page.goto(`/teams/${teamSlug}/compute`);
    await page.getByRole("button", { name: "Register compute" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(targetName);
    await dialog.getByLabel("Labels").fill(`e2e=${run}`);
    await dialog.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page.getByTestId("registration-token")).toHaveValue(/^tya_/);
    token = await page.getByTestId("registration-token").inputValue();
    await expect(page.getByTestId("agent-command")).toHaveValue(`npx trainyard agent --server ${new URL(baseURL!).origin} --token ${token}`);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.locator(`[data-testid="compute-target"][data-name="${targetName}"]`)).toHaveAttribute("data-status", "never_seen");
  });

  await test.step("the agent starts with that token and the target comes online with its 2 GPUs", async () => {
    agent = startAgent(baseURL!, token, 2, ["--kill-grace-ms", "1500"]);
    const card = page.locator(`[data-testid="compute-target"][data-name="${targetName}"]`);
    await expect(card, agent.output()).toHaveAttribute("data-status", "online", { timeout: 30_000 });
    await expect(card.getByTestId("compute-gpu")).toHaveCount(2);
  });

  await test.step("a job launched from the form streams its logs and succeeds", async () => {
    await page.goto(`/projects/${projectId}/launch`);
    // The job runs until the test has seen it running (the agent shares this machine's files), so a
    // slow page refresh on a loaded machine cannot miss the running state.
    const release = path.join(mkdtempSync(path.join(tmpdir(), "e2e-release-")), "go");
    await page
      .getByLabel("Command")
      .fill(`for i in 1 2 3; do echo "tick $i on $CUDA_VISIBLE_DEVICES"; sleep 0.3; done; while [ ! -f ${release} ]; do sleep 0.2; done; echo finished-${run}`);
    await page.getByLabel("GPUs").fill("1");
    await page.getByLabel("Labels").fill(`e2e=${run}`);
    await page.getByRole("button", { name: "Launch", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/runs/run_`));
    await expect(page.getByTestId("job-state")).toHaveText("running", { timeout: 20_000 });
    await page.getByRole("tab", { name: "Logs" }).click();
    // Lines appear while the job still runs.
    await expect(page.getByText("tick 2 on 0", { exact: true })).toBeVisible();
    await expect(page.getByTestId("job-state")).toHaveText("running");
    writeFileSync(release, "");
    await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: 20_000 });
    await expect(page.getByText(`finished-${run}`, { exact: true })).toBeVisible();
    await expect(page.getByTestId("allocated-gpus")).toContainText("0");
  });

  await test.step("a second job is cancelled while it runs", async () => {
    await page.goto(`/projects/${projectId}/launch`);
    await page.getByLabel("Command").fill(`echo sleeping-${run}; sleep 300`);
    await page.getByLabel("Labels").fill(`e2e=${run}`);
    await page.getByRole("button", { name: "Launch", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/runs/run_`));
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByText(`sleeping-${run}`, { exact: true })).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Cancel job" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel job" }).click();
    await expect(page.getByTestId("job-state")).toHaveText("cancelled", { timeout: 20_000 });
  });
});
