// Meetings and calendar feeds in a real browser on the demo: the active pairing's series shown in both members' zones,
// a meeting proposed (bad times first) and accepted by the partner, and the person's secret feed made, fetched and
// found to hold the series and the new meeting; without JavaScript a member proposes from a suggested time.
import assert from "node:assert/strict";
import {
  browserTest,
  findForm,
  openSession,
  seeText,
  setField,
  signIn,
  submitOf,
  waitForFieldError,
} from "./helpers.mjs";

const ACTIVE = "/pairings/demospringactive";
const GROUP = "/pairings/demospringgroup";

/** A date `days` ahead as YYYY-MM-DD. */
const ahead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

browserTest(
  "a meeting is proposed with a clear message for a bad time, accepted by the partner, and lands in the feed",
  { js: true },
  async ({ page }) => {
    await signIn(page, "spring-mentee9@example.org");
    await page.goto(`${GROUP}/meetings`);
    await seeText(page, "Peer circle");
    await seeText(page, /Asia\/Kolkata/);
    await seeText(page, /Europe\/London/);

    const form = await findForm(page, "title");
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await setField(form, "kind", "video");
    await setField(form, "title", "Delegation practice");
    await setField(form, "date", ahead(5));
    await setField(form, "start", "19:00");
    await setField(form, "end", "18:00");
    await submitOf(form).click();
    assert.match(await waitForFieldError(page, "end"), /must end after it starts/);
    const again = await findForm(page, "title");
    assert.equal(await again.locator('[name="title"]').inputValue(), "Delegation practice", "what was typed is kept");
    await setField(again, "end", "20:00");
    await submitOf(again).click();
    await seeText(page, "Delegation practice");

    const olivia = await openSession({ js: true, testName: "meetings (Olivia)" });
    try {
      await signIn(olivia.page, "spring-mentor7@example.org");
      await olivia.page.goto(`${GROUP}/meetings`);
      const item = olivia.page.locator("main li", { hasText: "Delegation practice" }).first();
      await item.getByRole("button", { name: /^Accept/ }).click();
      await seeText(olivia.page, /Confirmed|confirmed/);
    } finally {
      await olivia.close();
    }
    olivia.assertClean();

    await page.goto("/calendar");
    await page.getByRole("button", { name: "Make a link" }).first().click();
    const url = await page.locator("#feed-url").inputValue();
    assert.match(url, /\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    assert.match(
      await page.getByRole("link", { name: "Subscribe in your calendar app" }).getAttribute("href"),
      /^webcal:\/\//,
    );
    const feed = await page.request.get(url);
    assert.equal(feed.status(), 200);
    const body = await feed.text();
    assert.match(body, /SUMMARY:Peer circle/);
    assert.match(body, /SUMMARY:Delegation practice/);
    assert.match(body, /BEGIN:VTIMEZONE/);
    const etag = feed.headers().etag;
    assert.equal((await page.request.get(url, { headers: { "If-None-Match": etag } })).status(), 304);
    await page
      .getByRole("button", { name: /Make a new link/ })
      .first()
      .click();
    assert.equal((await page.request.get(url)).status(), 404, "the old link stops working once rotated");
  },
);

browserTest(
  "without JavaScript: the series in both zones, a suggested time proposed, one .ics download",
  { js: false },
  async ({ page }) => {
    await signIn(page, "spring-mentor1@example.org");
    await page.goto(`${ACTIVE}/meetings`);
    await seeText(page, "Mentoring: Monday check-in");
    await seeText(page, /Australia\/Sydney/);
    const suggestion = page.getByRole("button", { name: /^Propose a video meeting on/ }).first();
    await suggestion.waitFor();
    await suggestion.click();
    await seeText(page, /waiting for/i);
    await page.goto(`${ACTIVE}/meetings`);
    await page.getByRole("link", { name: "Mentoring: Monday check-in" }).first().click();
    const ics = page.locator('a[href$=".ics"]').first();
    const href = await ics.getAttribute("href");
    const download = await page.request.get(href);
    assert.equal(download.status(), 200);
    assert.match(await download.text(), /RRULE:FREQ=WEEKLY;COUNT=30/);
  },
);
