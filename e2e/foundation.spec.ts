import { expect, test } from "@playwright/test";
import {
  clickLink,
  fillSignUp,
  newPerson,
  signUp,
  trpcProjectGetStatus,
  uniqueUser,
} from "./helpers";

// One story on an empty instance: the first user builds a team, invites a reviewer by link, and a
// stranger who signs up on their own can see nothing of it, neither in the UI nor through tRPC.
test.describe.configure({ mode: "serial" });

test("sign-up, team, project, invite link and project isolation", async ({ browser, page }) => {
  const run = Date.now().toString(36);
  const alice = uniqueUser("Alice", run);
  const bob = uniqueUser("Bob", run);
  const carol = uniqueUser("Carol", run);
  const teamName = `Vision ${run}`;
  const teamSlug = `vision-${run}`;
  const projectName = `Detector ${run}`;
  const projectUrl = /\/projects\/prj_[^/]+$/;
  let projectId = "";
  let inviteLink = "";

  await test.step("Alice signs up and lands on an empty projects page", async () => {
    await signUp(page, alice);
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await expect(page.getByText("Create a team first")).toBeVisible();
  });

  await test.step("Alice creates a team through the UI", async () => {
    await clickLink(page, page.getByRole("main").getByRole("link", { name: "New team" }), /\/teams\?create=1$/);
    const dialog = page.getByRole("dialog", { name: "New team" });
    await dialog.getByLabel("Team name").fill(teamName);
    await expect(dialog.getByLabel("Team slug")).toHaveValue(teamSlug);
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${teamSlug}$`));
    await expect(page.getByRole("heading", { name: teamName, level: 1 })).toBeVisible();
    await expect(page.getByTestId("team-role")).toHaveText(/owner/i);
  });

  await test.step("Alice creates a project in the team", async () => {
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name").fill(projectName);
    await dialog.getByLabel("Description").fill("Object detection baselines");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(projectUrl);
    projectId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect(page.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();
    await expect(page.getByText("Object detection baselines")).toBeVisible();
  });

  await test.step("Alice creates a reviewer invite link on the Members page", async () => {
    await clickLink(page, page.getByRole("link", { name: "Team members" }), new RegExp(`/teams/${teamSlug}/members$`));
    await expect(page.getByRole("heading", { name: "Members", level: 2 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Members" }).getByText(alice.email)).toBeVisible();
    await page.getByRole("combobox", { name: "Invite as" }).click();
    await page.getByRole("option", { name: "Reviewer" }).click();
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = page.getByTestId("invite-link");
    await expect(link).toHaveValue(/\/invite\/tyi_[\w-]+$/);
    inviteLink = await link.inputValue();
    await expect(page.getByRole("table", { name: "Open invites" }).getByText("Reviewer")).toBeVisible();
  });

  const bobPage = await newPerson(browser);
  await test.step("Bob opens the link, signs up and joins as reviewer", async () => {
    await bobPage.goto(inviteLink);
    await expect(bobPage.getByRole("heading", { name: `Join ${teamName} as reviewer` })).toBeVisible();
    await clickLink(bobPage, bobPage.getByRole("link", { name: "Sign up to join" }), /\/sign-up\?invite=/);
    await fillSignUp(bobPage, bob);
    const card = bobPage.getByRole("list", { name: "Projects" }).getByRole("link", { name: new RegExp(projectName) });
    await clickLink(bobPage, card, new RegExp(`/projects/${projectId}$`));
    await expect(bobPage.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();
    await expect(bobPage.getByTestId("project-role")).toHaveText(/reviewer/i);
  });

  const carolPage = await newPerson(browser);
  await test.step("Carol, outside the team, gets not-found in the UI and through tRPC", async () => {
    await signUp(carolPage, carol);
    await expect(carolPage.getByText("Create a team first")).toBeVisible();
    await carolPage.goto(`/projects/${projectId}`);
    await expect(carolPage.getByRole("heading", { name: "Project not found" })).toBeVisible();
    await expect(carolPage.getByText(projectName)).toHaveCount(0);
    expect(await trpcProjectGetStatus(carolPage, projectId)).toBe(404);
    expect(await trpcProjectGetStatus(bobPage, projectId)).toBe(200);
  });

  await test.step("Alice sees the invite and the join in the audit log", async () => {
    await page.goto(`/teams/${teamSlug}/audit`);
    const entries = page.getByRole("table", { name: "Audit log entries" });
    await expect(entries.getByText("invite.accept", { exact: true })).toBeVisible();
    await expect(entries.getByText("invite.create", { exact: true })).toBeVisible();
    await expect(entries.getByText("project.create", { exact: true })).toBeVisible();
  });

  await test.step("Bob, a reviewer, is refused the audit log", async () => {
    await bobPage.goto(`/teams/${teamSlug}/audit`);
    await expect(bobPage.getByText("Only owners and admins can read the audit log")).toBeVisible();
  });

  await bobPage.context().close();
  await carolPage.context().close();
});
