// Onboarding on a phone with JavaScript off: a coordinator invites a new mentee, who accepts from the email, is welcomed
// by program and coordinator, and fills in time zone (by region), availability (a checkbox grid), languages and goals,
// one step at a time; a refused step keeps what was typed; home then has nothing left to finish. Nothing scrolls
// sideways at 390 px. With SCREENSHOTS=dir, the new pages are also captured at 320, 390 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BASE_URL, assertAccessible, browserTest, seeText, signInOnce } from "./helpers.mjs";

const SHOTS = process.env.SCREENSHOTS ?? "";
const PROGRAM = "demo-autumn-2026";
const email = `onboard-${Date.now()}@example.org`;

/** Fails if the page is wider than the window (something would scroll sideways). */
async function noSidewaysScroll(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: the page is ${scroll}px wide in a ${client}px window`);
}

/** Saves full-page screenshots of the current page at 320, 390 and 1280 px (when SCREENSHOTS is set). */
async function shoot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await noSidewaysScroll(page, `${name} at ${width}px`);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

browserTest("a new mentee onboards on a phone from the invitation email", { js: false }, async (s) => {
  const { page } = s;
  await signInOnce(s, "coordinator@example.org");
  await page.goto(`/programs/${PROGRAM}`);
  const invite = page.locator("form#invite");
  await invite.locator('[name="email"]').fill(email);
  await invite.locator('[name="role"]').selectOption("mentee");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await seeText(page, `Invitation sent to ${email}`);
  await s.context.clearCookies();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const link = page.locator('main a[href*="/invitations/"]').first();
  const href = await link.getAttribute("href");
  assert.ok(href?.startsWith(`${BASE_URL}/invitations/`), `invitation link points at this server: ${href}`);
  await page.goto(href);
  await page.getByRole("button", { name: /Accept/ }).click();

  await page.waitForURL((u) => u.pathname === `/programs/${PROGRAM}/welcome`);
  await seeText(page, "Welcome to Autumn 2026 Mentoring Circle");
  await seeText(page, "You joined as a mentee.");
  await seeText(page, "What happens next");
  await noSidewaysScroll(page, "welcome");
  await shoot(page, "onboarding-welcome");
  await page.getByRole("link", { name: "Start" }).click();

  // Time zone: narrow to a region, then choose the city.
  await seeText(page, "step 1 of 4");
  await noSidewaysScroll(page, "time zone");
  await shoot(page, "onboarding-time-zone");
  await page.getByRole("navigation", { name: "Regions" }).getByRole("link", { name: "Europe" }).click();
  await page.waitForURL((u) => u.searchParams.get("region") === "Europe");
  assert.equal(await page.locator('select[name="time_zone"] option[value="America/New_York"]').count(), 0);
  await page.locator('select[name="time_zone"]').selectOption("Europe/Lisbon");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Availability: a grid of checkboxes in the person's own zone; an empty grid is refused on the same step.
  await page.waitForURL((u) => u.pathname.endsWith("/welcome/availability"));
  await seeText(page, "In your own time (Europe/Lisbon)");
  await noSidewaysScroll(page, "availability");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await seeText(page, "Tick at least one time you are usually free.");
  await page.getByLabel("Monday 18:00–20:00").check();
  await page.getByLabel("Wednesday 18:00–20:00").check();
  await page.getByLabel("Saturday 10:00–12:00").check();
  await shoot(page, "onboarding-availability");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Languages: a bad entry comes back with what was typed.
  await page.waitForURL((u) => u.pathname.endsWith("/welcome/languages"));
  await page.getByLabel("Languages you can meet in").fill("Portuguese, <English>");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await seeText(page, "can only use letters");
  assert.equal(await page.getByLabel("Languages you can meet in").inputValue(), "Portuguese, <English>");
  await page.getByLabel("Languages you can meet in").fill("Portuguese, English");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Goals, then the welcome says the profile is ready; mentees are never asked for capacity.
  await page.waitForURL((u) => u.pathname.endsWith("/welcome/goals"));
  await shoot(page, "onboarding-goals");
  await page.getByLabel("What you want to work on").fill("public speaking, leading a team");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL((u) => u.pathname === `/programs/${PROGRAM}/welcome`);
  await seeText(page, "Your profile has everything matching needs.");
  assert.doesNotMatch(await page.locator("main").innerText(), /how many people/i);

  await page.goto("/");
  await seeText(page, "Waiting for you");
  assert.doesNotMatch(await page.locator("main").innerText(), /Finish your profile/);
  await noSidewaysScroll(page, "home");
  await shoot(page, "home");
  await page.goto("/profile");
  assert.equal(await page.locator('[name="capacity"]').count(), 0, "a mentee's profile does not ask capacity");
  await noSidewaysScroll(page, "profile");
});

browserTest("a mentor's mentoring step asks expertise and capacity", { js: false }, async (s) => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  await signInOnce(s, "mentor3@example.org");
  await page.goto(`/programs/${PROGRAM}/welcome/mentoring`);
  await seeText(page, "How many people can you mentor at once?");
  await noSidewaysScroll(page, "mentoring");
  await shoot(page, "onboarding-mentoring");
  await page.goto(`/programs/${PROGRAM}/welcome`);
  await shoot(page, "onboarding-welcome-mentor");
});

browserTest("onboarding pages pass axe WCAG 2 AA checks", { js: true }, async (s) => {
  const { page } = s;
  await signInOnce(s, "mentor3@example.org");
  for (const step of ["", "/time-zone", "/availability", "/languages", "/mentoring"]) {
    await page.goto(`/programs/${PROGRAM}/welcome${step}`);
    await assertAccessible(page, `welcome${step}`);
  }
  await page.goto(`/programs/${PROGRAM}/welcome/availability`);
  await page
    .locator("form")
    .last()
    .evaluate((f) => f.setAttribute("novalidate", ""));
  await page.locator('input[name="cell"]:checked').evaluateAll((boxes) => {
    for (const b of boxes) b.checked = false;
  });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await seeText(page, "Tick at least one time");
  await assertAccessible(page, "availability with an error");
  await page.goto("/");
  await assertAccessible(page, "home");
});

browserTest(
  "home lists what is waiting, the room has a Join link, cancelled meetings stay listed",
  { js: false },
  async (s) => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    await signInOnce(s, "spring-mentee2@example.org");
    await page.goto("/");
    await seeText(page, "Waiting for you");
    await seeText(page, "mentoring agreement");
    await noSidewaysScroll(page, "home with waiting items");
    await shoot(page, "home-waiting");
    await s.context.clearCookies();
    await signInOnce(s, "spring-mentee1@example.org");
    await page.goto("/");
    await shoot(page, "home-active");
    // The pairing's overview (a waiting item may link to its chat or a meeting first: other files leave some).
    const linked = await page.locator("main ul.cards a[href^='/pairings/']").first().getAttribute("href");
    await page.goto(linked.split("/").slice(0, 3).join("/"));
    await noSidewaysScroll(page, "room overview");
    const join = page.getByRole("link", { name: /^Join/ });
    assert.match((await join.getAttribute("href")) ?? "", /^https:\/\//, "the Join link opens the video call");
    await shoot(page, "room-overview");
    await page.goto(`${new URL(page.url()).pathname}/meetings`);
    await noSidewaysScroll(page, "meetings");
    await seeText(page, /Cancelled by \S+/);
    assert.ok((await page.locator("li.cancelled del").count()) > 0, "a cancelled occurrence is struck through");
    await shoot(page, "meetings");
  },
);

browserTest("the time-zone step suggests this device's zone", { js: true }, async (s) => {
  const { page } = s;
  const cdp = await s.context.newCDPSession(page);
  await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "Asia/Kolkata" });
  await signInOnce(s, "coordinator@example.org");
  const other = `onboard-js-${Date.now()}@example.org`;
  await page.goto(`/programs/${PROGRAM}`);
  const invite = page.locator("form#invite");
  await invite.locator('[name="email"]').fill(other);
  await invite.locator('[name="role"]').selectOption("mentor");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await seeText(page, `Invitation sent to ${other}`);
  await s.context.clearCookies();
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(other)}`);
  await page.goto((await page.locator('main a[href*="/invitations/"]').first().getAttribute("href")) ?? "");
  await page.getByRole("button", { name: /Accept/ }).click();
  await page.waitForURL((u) => u.pathname === `/programs/${PROGRAM}/welcome`);
  await page.goto(`/programs/${PROGRAM}/welcome/time-zone`);
  await seeText(page, "We chose Asia/Kolkata, the time zone of this device.");
  assert.equal(await page.locator('select[name="time_zone"]').inputValue(), "Asia/Kolkata");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL((u) => u.pathname.endsWith("/welcome/availability"));
  await seeText(page, "In your own time (Asia/Kolkata)");
});
