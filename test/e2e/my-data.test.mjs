// A person downloads their data and deletes it, with JavaScript on and off: the JSON download holds their profile and
// the message they wrote; a wrong confirmation deletes nothing and says so next to the field; the right one deletes
// their data, signs them out and shows the confirmation; the old session no longer opens their pages.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { browserTest, seeText, signIn, signOutButton, waitForFieldError } from "./helpers.mjs";

/**
 * A fresh pairing of two new people (the dev route), so deleting one touches none of the demo data other tests read.
 */
async function freshMember(page) {
  await page.goto("/");
  const csrf = (await page.context().cookies()).find((c) => c.name === "csrf")?.value;
  assert.ok(csrf, "the first page sets the CSRF cookie");
  const res = await page.request.post("/dev/journey-pairing", { form: { _csrf: csrf, agreement_due_in: "86400" } });
  assert.equal(res.status(), 201);
  const made = await res.json();
  return { pairingId: made.pairingId, email: made.members[1].email };
}

for (const js of [true, false]) {
  browserTest("download my data, then delete it", { js }, async ({ page }) => {
    const { pairingId, email } = await freshMember(page);
    await signIn(page, email);

    await page.goto(`/pairings/${pairingId}/chat`);
    const words = `Hello from the data test, JavaScript ${js ? "on" : "off"}`;
    await page.locator('textarea[name="body"]').fill(words);
    await page.locator("main").getByRole("button", { name: "Send" }).click();
    await seeText(page, words);

    await page.goto("/profile");
    await page.getByRole("link", { name: "Your data" }).click();
    await page.waitForURL((u) => u.pathname === "/settings/data");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download your data (JSON)" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^trellis-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(data.profile.email, email);
    assert.deepEqual(
      data.yourContentInPairings[0].messages.map((m) => m.body),
      [words],
    );

    const form = page.locator('form[action="/settings/data/delete"]');
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await form.getByLabel("Type your email address to confirm").fill("not-me@example.org");
    await form.getByRole("button", { name: "Delete my data" }).click();
    const error = await waitForFieldError(page, "confirm");
    assert.match(error, /nothing was deleted/);
    assert.equal(await page.locator('[name="confirm"]').inputValue(), "not-me@example.org", "what was typed is kept");
    await signOutButton(page).waitFor({ state: "visible" });

    const cookies = await page.context().cookies();
    await page.locator('[name="confirm"]').fill(email);
    await page.getByRole("button", { name: "Delete my data" }).click();
    await seeText(page, "Your data is deleted");
    assert.equal(new URL(page.url()).pathname, "/settings/data/deleted");
    assert.equal(await signOutButton(page).count(), 0, "signed out");

    await page.context().addCookies(cookies.filter((c) => c.name === "sid"));
    await page.goto("/settings/data");
    assert.equal(new URL(page.url()).pathname, "/signin", "the old session no longer works");
  });
}
