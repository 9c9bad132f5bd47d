import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** A user unique to this run, so specs never collide with data left by an earlier run. */
export function uniqueUser(name: string, run: string): TestUser {
  return { name, email: `${name.toLowerCase()}.${run}@example.test`, password: `pw-${run}-${name}` };
}

/** Clicks a link and waits until the page is at `url`. */
export async function clickLink(page: Page, link: Locator, url: RegExp) {
  await link.click();
  await expect(page).toHaveURL(url);
}

/** Fills the sign-up form on the current page (already at /sign-up, with or without an invite). */
export async function fillSignUp(page: Page, user: TestUser) {
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

export async function signUp(page: Page, user: TestUser) {
  await page.goto("/sign-up");
  await fillSignUp(page, user);
}

/** A fresh browser context (its own cookies) for a second person in the same test. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** projects.get over the browser's own tRPC endpoint, with the page's session cookie. */
export async function trpcProjectGetStatus(page: Page, projectId: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ json: { projectId } }));
  const response = await page.request.get(`/api/trpc/projects.get?input=${input}`);
  return response.status();
}
