// As a coordinator of the demo program, review the staged proposals, change one by hand, approve all and publish.
import assert from "node:assert/strict";
import { browserTest, seeText, signIn, WAIT_MS } from "./helpers.mjs";

browserTest("review, change, approve and publish the demo's staged proposals", { js: false }, async ({ page }) => {
  await signIn(page, "cocoordinator@example.org");
  await page.goto("/programs/demo-autumn-2026");
  await page.getByRole("link", { name: "Matching", exact: true }).click();
  await seeText(page, "Proposals");
  const summary = await page.locator(".notice").first().innerText();
  const proposed = Number(/(\d+) proposed pairs/.exec(summary)?.[1]);
  assert.ok(proposed >= 10, `the demo stages proposals: ${summary}`);
  assert.match(
    await page.locator("main ul.cards").innerText(),
    /shares \d goals?: /,
    "each proposal shows its reasons",
  );

  // Open the weakest proposal and pick the best alternative mentor: the page shows the score change.
  await page.locator("main ul.cards").getByRole("link", { name: "Change" }).first().click();
  await seeText(page, "with free places");
  await page
    .locator("main ul.cards")
    .getByRole("button", { name: /^Choose / })
    .first()
    .click();
  await seeText(page, /Saved\. Score \d+ → \d+ \([+−±]\d+\)\./);

  // Swapping mentors with another proposal is chosen from a ranked list, each swap a button with its score change.
  await page.locator("main ul.cards").getByRole("link", { name: "Change" }).first().click();
  await seeText(page, "Swap mentors with another proposal");
  const swap = page.getByRole("button", { name: /^Swap with / }).first();
  assert.match(await page.locator("main").innerText(), /total [+−]\d+/, "each swap shows the total score change");
  await swap.click();
  await seeText(page, /Saved\. Score \d+ → \d+ \([+−±]\d+\)\./);

  // A mentor email that is not in the program: the message is shown with the address kept.
  await page.locator("main ul.cards").getByRole("link", { name: "Change" }).first().click();
  const form = page.locator("form", { has: page.locator('[name="mentor_email"]') }).last();
  await form.locator('[name="mentor_email"]').fill("stranger@example.org");
  await form.evaluate((f) => f.setAttribute("novalidate", ""));
  await form.getByRole("button", { name: /Change mentor/ }).click();
  await seeText(page, "Nobody with that email is an active mentor in this program.");
  assert.equal(await page.locator('form [name="mentor_email"]').last().inputValue(), "stranger@example.org");

  await page.getByRole("link", { name: "All proposals" }).click();
  await page.getByRole("button", { name: /^Approve all/ }).click();
  await seeText(page, /Approved \d+ proposals\./);
  await page.getByRole("button", { name: /^Publish \d+ approved/ }).click();
  await seeText(page, /Published: \d+ pairings created and everyone emailed\./, WAIT_MS);
  const published = Number(/Published: (\d+) pairings/.exec(await page.locator("main").innerText())?.[1]);
  assert.equal(published, proposed, "every approved proposal became a pairing");

  // With the run published, the page says who a next run would consider and why the others are left out.
  await seeText(page, "Who the next run considers");

  // Every step is in the audit log.
  await page.goto("/programs/demo-autumn-2026/audit");
  const log = await page.locator("main").innerText();
  for (const step of ["Ran matching", "Changed a proposal", "Approved proposals", "Published pairings"])
    assert.match(log, new RegExp(step), `the audit log lists "${step}"`);
  assert.match(log, /swapped with another proposal/);

  // The fairness report reads the published pairings.
  await page.goto("/programs/demo-autumn-2026/matching");
  await page.getByRole("link", { name: "Fairness report" }).click();
  await seeText(page, "Europe");
});
