// Every page a coordinator, a participant and a visitor reach passes axe-core's WCAG 2 A/AA checks (labels, landmarks,
// contrast, names of buttons and links), including a form showing validation errors.
import { assertAccessible, browserTest, signIn, signOut } from "./helpers.mjs";

browserTest("visitor and coordinator pages pass axe WCAG 2 AA checks", { js: true }, async ({ page }) => {
  for (const path of ["/", "/signin", "/no-such-page"]) {
    await page.goto(path);
    await assertAccessible(page, path);
  }
  await signIn(page, "coordinator@example.org");
  for (const path of [
    "/",
    "/profile",
    "/programs",
    "/programs/new",
    "/programs/demo-autumn-2026",
    "/programs/demo-autumn-2026/edit",
    "/programs/demo-autumn-2026/import",
    "/programs/demo-autumn-2026/matching",
    "/programs/demo-autumn-2026/matching/settings",
    "/programs/demo-autumn-2026/matching/fairness",
    "/programs/demo-self-match/matching/fairness",
    "/dev/mailbox",
  ]) {
    await page.goto(path);
    await assertAccessible(page, path);
  }
  await page.goto("/programs/demo-autumn-2026/matching");
  await page.locator("main ul.cards").getByRole("link", { name: "Change" }).first().click();
  await page.getByRole("heading", { name: /with free places/ }).waitFor();
  await assertAccessible(page, "a staged proposal");
  await page.goto("/programs/new");
  await page.locator("#program-form form").evaluate((f) => f.setAttribute("novalidate", ""));
  await page.fill("input[name=name]", "");
  await page.click("#program-form button[type=submit]");
  await page.locator("#e-name").waitFor();
  await assertAccessible(page, "/programs/new with errors");
  await signOut(page);
});

browserTest("participant pages for self-match pass axe WCAG 2 AA checks", { js: true }, async ({ page }) => {
  await signIn(page, "mentee3@example.org");
  for (const path of ["/programs/demo-self-match/me", "/programs/demo-self-match/mentors"]) {
    await page.goto(path);
    await assertAccessible(page, path);
  }
});
