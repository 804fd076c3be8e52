// The design system in a real browser: no page scrolls sideways on a 320 px phone (as a coordinator and as a mentee),
// the header stays on one line at 360 px, tab bars scroll sideways with the current tab marked and in view, the chat
// reads like a chat (bubbles on two sides, day separators, the composer pinned to the bottom of the screen), axe finds
// nothing in dark mode either, and the budgets hold: the CSS <= 8 KB and the icon sprite <= 4 KB gzip, and a first
// visit of a page <= 35 KB in all. Every test also fails on a CSP report or an HTML response over 14 KB (helpers.mjs).
// It signs in people few other files use (sign-in mail is limited per address): the co-coordinator and Kofi, whose
// pairing is wrapping up.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { assertAccessible, axeProblems, browserTest, signInOnce } from "./helpers.mjs";
import { COORDINATOR_PAGES, participantPages, ROOM, SPRING } from "./pages.mjs";

const COORDINATOR_WALK = [...COORDINATOR_PAGES, "/dev/style"];
const MENTEE_PAGES = participantPages(ROOM);

/** How far the page scrolls sideways (0 when it fits). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Walks `paths`: each answers 200, fits the screen's width, and passes axe (WCAG 2.2 AA) as the phone shows it. */
async function assertFits(page, paths, who) {
  const problems = [];
  for (const path of paths) {
    const res = await page.goto(path);
    assert.equal(res.status(), 200, `${who} ${path} answers 200`);
    const by = await sideways(page);
    if (by > 0) problems.push(`${path} scrolls sideways by ${by}px`);
    for (const problem of await axeProblems(page)) problems.push(`${path}: axe ${problem}`);
  }
  assert.deepEqual(problems, [], `${who}'s pages at ${page.viewportSize().width} px`);
}

browserTest(
  "no coordinator page scrolls sideways on a 320 px phone, and axe finds nothing there",
  { js: true },
  async (s) => {
    await s.page.setViewportSize({ width: 320, height: 700 });
    await signInOnce(s, "cocoordinator@example.org");
    await assertFits(s.page, COORDINATOR_WALK, "the coordinator");
  },
);

browserTest(
  "no participant page scrolls sideways on a 320 px phone, and axe finds nothing there",
  { js: true },
  async (s) => {
    await s.page.setViewportSize({ width: 320, height: 700 });
    await signInOnce(s, "spring-mentee3@example.org");
    await assertFits(s.page, MENTEE_PAGES, "the mentee");
  },
);

browserTest("the header stays on one line at 360 px, its links named for screen readers", { js: false }, async (s) => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 700 });
  await signInOnce(s, "cocoordinator@example.org");
  await page.goto("/");
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll("header.site .brand, header.site nav a, header.site nav button")].map((e) => {
      const r = e.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), right: Math.round(r.right) };
    }),
  );
  assert.ok(boxes.length >= 5, "brand and at least four navigation items");
  const first = boxes[0];
  for (const b of boxes) {
    assert.ok(
      b.top < first.bottom && b.bottom > first.top,
      `every header item shares the brand's line: ${JSON.stringify(boxes)}`,
    );
    assert.ok(b.right <= 360, "nothing in the header runs off the screen");
  }
  for (const name of ["Home", "Programs", "Calendar", "Profile"])
    await page.locator("header nav").getByRole("link", { name }).waitFor();
  await page.locator("header nav").getByRole("button", { name: "Sign out" }).waitFor();
  const label = await page.locator('header nav a[aria-current="page"] .nl').evaluate((e) => ({
    text: e.textContent,
    width: e.getBoundingClientRect().width,
  }));
  assert.deepEqual(label, { text: "Home", width: 1 }, "on a phone the labels are kept for screen readers only");
  assert.equal(await page.locator('header nav a[aria-current="page"]').getAttribute("href"), "/");
});

browserTest(
  "program and pairing tabs are one bar that scrolls sideways, the current tab marked and in view",
  { js: true },
  async (s) => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 700 });
    await signInOnce(s, "cocoordinator@example.org");
    for (const [path, label] of [
      [`${SPRING}/audit`, "Audit log"],
      [`${SPRING}/exports`, "Exports"],
      [SPRING, "Overview"],
    ]) {
      await page.goto(path);
      const bar = page.getByRole("navigation", { name: "Program" });
      const state = await bar.evaluate((nav) => {
        const current = nav.querySelectorAll('[aria-current="page"]');
        const box = nav.getBoundingClientRect();
        const tab = current[0]?.getBoundingClientRect();
        const tops = new Set([...nav.querySelectorAll("a")].map((a) => Math.round(a.getBoundingClientRect().top)));
        return {
          marked: current.length,
          text: current[0]?.textContent,
          scrolls: nav.scrollWidth > nav.clientWidth,
          visible: !!tab && tab.left >= box.left - 1 && tab.right <= box.right + 1,
          lines: tops.size,
        };
      });
      assert.equal(state.marked, 1, `${path}: one tab is current`);
      assert.equal(state.text, label);
      assert.equal(state.lines, 1, `${path}: the tabs are one line`);
      assert.ok(state.scrolls, `${path}: the bar scrolls sideways at 390 px`);
      assert.ok(state.visible, `${path}: the current tab is scrolled into view`);
    }
  },
);

browserTest(
  "chat looks like chat: bubbles on two sides, day separators, the composer pinned",
  { js: true },
  async (s) => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 740 });
    await signInOnce(s, "spring-mentee3@example.org");
    await page.goto(`${ROOM}/chat`);
    const layout = await page.evaluate(() => {
      const list = document.getElementById("messages").getBoundingClientRect();
      const mine = document.querySelector("#messages .msg.mine").getBoundingClientRect();
      const theirs = document
        .querySelector("#messages .msg:not(.mine):not(.system):not(.removed)")
        .getBoundingClientRect();
      return {
        mineRight: list.right - mine.right,
        theirsLeft: theirs.left - list.left,
        mineLeft: mine.left - list.left,
        days: document.querySelectorAll("#messages li.day").length,
        avatars: document.querySelectorAll("#messages .msg .av").length,
      };
    });
    assert.ok(layout.mineRight < 2, "the viewer's own messages sit on the right");
    assert.ok(layout.theirsLeft < 2, "the partner's messages sit on the left");
    assert.ok(layout.mineLeft > 30, "own bubbles leave room on the left");
    assert.ok(layout.days >= 3, "the demo's weeks of messages are split by day");
    assert.ok(layout.avatars >= 1, "the partner's messages carry their avatar");
    await page.evaluate(() => window.scrollTo(0, 0));
    const composer = await page.locator("#chat-form").boundingBox();
    assert.ok(
      Math.abs(composer.y + composer.height - 740) < 40,
      `the composer is pinned to the bottom: ${JSON.stringify(composer)}`,
    );
    await page.goto(`${ROOM}/chat#latest`);
    const last = await page.locator("#messages > li").last().boundingBox();
    assert.ok(last.y < 740 && last.y + last.height > 0, "the Chat tab opens at the newest message");
  },
);

/** Runs axe on the current page in dark mode. */
async function assertAccessibleInDark(page, label) {
  await page.emulateMedia({ colorScheme: "dark" });
  await assertAccessible(page, `${label} in dark mode`);
}

browserTest("pages pass axe WCAG 2.2 AA in dark mode too", { js: true }, async (s) => {
  const { page } = s;
  await signInOnce(s, "cocoordinator@example.org");
  for (const path of [
    "/",
    SPRING,
    `${SPRING}/at-risk`,
    `${SPRING}/pairings`,
    `${SPRING}/dashboard`,
    "/profile",
    "/dev/style",
  ]) {
    await page.goto(path);
    await assertAccessibleInDark(page, path);
  }
});

browserTest("a participant's room passes axe in dark mode", { js: true }, async (s) => {
  const { page } = s;
  await signInOnce(s, "spring-mentee3@example.org");
  for (const path of [ROOM, `${ROOM}/chat`, `${ROOM}/agreement`, `${ROOM}/notes`]) {
    await page.goto(path);
    await assertAccessibleInDark(page, path);
  }
});

browserTest(
  "the stylesheet, the sprite and a first visit of each page stay within their budgets",
  { js: true },
  async (s) => {
    await signInOnce(s, "spring-mentee3@example.org");
    const cookies = await s.context.cookies();
    const over = [];
    for (const path of ["/", ROOM, `${ROOM}/chat`, `${ROOM}/notes`, "/profile"]) {
      // A fresh context: nothing cached, as on a person's first visit.
      const context = await s.context.browser().newContext({ baseURL: s.url("") });
      await context.addCookies(cookies);
      const page = await context.newPage();
      const bodies = [];
      page.on("response", (res) => {
        if (res.status() >= 300 && res.status() < 400) return;
        bodies.push(
          res.body().then(
            (b) => ({ url: res.url(), gzip: gzipSync(b).length }),
            () => ({ url: res.url(), gzip: 0 }),
          ),
        );
      });
      await page.goto(path, { waitUntil: "networkidle" });
      const all = await Promise.all(bodies);
      await context.close();
      const total = all.reduce((sum, r) => sum + r.gzip, 0);
      if (total > 35 * 1024) over.push(`${path}: ${total} bytes gzip in all`);
      const css = all.find((r) => /\/assets\/app\.[0-9a-f]+\.css$/.test(r.url));
      const sprite = all.find((r) => /\/assets\/icons\.[0-9a-f]+\.svg$/.test(r.url));
      assert.ok(css && css.gzip > 0 && css.gzip <= 8 * 1024, `the CSS is <= 8 KB gzip: ${css?.gzip}`);
      assert.ok(sprite && sprite.gzip > 0 && sprite.gzip <= 4 * 1024, `the sprite is <= 4 KB gzip: ${sprite?.gzip}`);
      console.log(`first visit of ${path}: ${total} bytes gzip in ${all.length} responses`);
    }
    assert.deepEqual(over, [], "first visits over 35 KB");
  },
);
