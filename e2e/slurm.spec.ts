import { hostname } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
// @ts-expect-error: plain ESM script shared with the test runner (scripts/test.mjs), no types
import { startSlurmCluster } from "../scripts/slurm-cluster.mjs";
import { postJson, signUpWithToken, uniqueUser } from "./helpers";

// A team admin registers a Slurm cluster (scripts/slurm-cluster.mjs: real slurmctld, slurmd and
// slurmrestd with stand-in GPU devices) in the browser, sees its node and GPUs, and watches a job
// run there as a batch job, with the Slurm job id, node and GPUs on the run page. The cluster comes
// from the test harness (SLURM_TEST_*) or is started here; it is never skipped.
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "..");
let cluster: { url: string; user: string; token: string; workDir: string; stop?: () => Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = process.env.SLURM_TEST_URL
    ? { url: process.env.SLURM_TEST_URL, user: process.env.SLURM_TEST_USER!, token: process.env.SLURM_TEST_TOKEN!, workDir: process.env.SLURM_TEST_WORK_DIR! }
    : await startSlurmCluster();
});

test.afterAll(async () => {
  await cluster?.stop?.();
});

test("register a Slurm cluster, see its GPUs and health, and follow a job through Slurm", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const user = uniqueUser("Slurm", run);
  const teamSlug = `slurm-${run}`;
  const targetName = `hpc-${run}`;
  const api = await playwright.request.newContext({ baseURL });
  let projectId = "";
  let token = "";

  await test.step("an account with a team and a project, signed in", async () => {
    token = await signUpWithToken(page, user);
    await postJson(api, "/api/v1/teams", token, { name: `Slurm ${run}`, slug: teamSlug });
    ({ id: projectId } = await postJson(api, `/api/v1/teams/${teamSlug}/projects`, token, { name: `HPC ${run}`, slug: `hpc-${run}` }));
  });

  await test.step("register the cluster: its node, 2 GPUs and health show on the compute page", async () => {
    await page.goto(`/teams/${teamSlug}/compute`);
    await page.getByRole("button", { name: "Register compute" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: /Slurm cluster/ }).check();
    await dialog.getByLabel("Name").fill(targetName);
    await dialog.getByLabel("slurmrestd URL").fill(cluster.url);
    await expect(dialog.getByLabel("API version")).toHaveValue("v0.0.38");
    await dialog.getByLabel("Slurm user").fill(cluster.user);
    await dialog.getByLabel("JWT").fill(cluster.token);
    await dialog.getByLabel("Partition").fill("debug");
    await dialog.getByLabel("Working directory").fill(cluster.workDir);
    await dialog.getByLabel("Executor command").fill(`${process.execPath} ${path.join(ROOT, "cli/bin/trainyard.mjs")}`);
    await dialog.getByRole("button", { name: "Register", exact: true }).click();
    await expect(dialog.getByRole("heading", { name: `${targetName} is registered` })).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();
    const card = page.locator(`[data-testid="compute-target"][data-name="${targetName}"]`);
    await expect(card).toHaveAttribute("data-status", "online");
    await expect(card.getByTestId("slurm-health")).toHaveText("Healthy: 1 of 1 node up");
    await expect(card.getByTestId("slurm-node")).toContainText(hostname().split(".")[0]!);
    await expect(card.getByTestId("slurm-node")).toContainText("2× fake");
    await expect(card.getByTestId("compute-gpu")).toHaveCount(2);
    await expect(page.getByText(cluster.token)).toHaveCount(0);
  });

  await test.step("a job on the cluster shows its Slurm job id, node and GPUs, its output, and succeeds", async () => {
    const job = await postJson(api, `/api/v1/projects/${projectId}/jobs`, token, {
      command: `echo "hello from $SLURM_JOB_ID on $SLURMD_NODENAME gpus=$CUDA_VISIBLE_DEVICES"`,
      target: targetName,
      resources: { gpus: 1 },
    });
    await page.goto(`/projects/${projectId}/runs/${job.run_id}`);
    await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: 60_000 });
    const slurmJobId = (await page.getByTestId("slurm-job-id").innerText()).trim();
    expect(slurmJobId).toMatch(/^\d+$/);
    await expect(page.getByTestId("slurm-node")).toHaveText(hostname().split(".")[0]!);
    await expect(page.getByTestId("slurm-gpus")).toHaveText(/^\d$/);
    const gpus = (await page.getByTestId("slurm-gpus").innerText()).trim();
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByText(`hello from ${slurmJobId} on ${hostname().split(".")[0]} gpus=${gpus}`, { exact: true })).toBeVisible();
  });
});
