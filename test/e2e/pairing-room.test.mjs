// The pairing room in a real browser, on the demo's spring pairings: live chat between two members over the WebSocket,
// the agreement signed without JavaScript (onboarding becomes active), goals and notes with JavaScript on and off, and
// axe checks of every room page (meetings and the calendar page included).
import assert from "node:assert/strict";
import {
  WAIT_MS,
  assertAccessible,
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
const ONBOARDING = "/pairings/demospringonboarding";
const WRAPPING_UP = "/pairings/demospringwrappingup";
const GROUP = "/pairings/demospringgroup";

browserTest(
  "two members chat live: a message reaches the other page over the socket without a reload",
  { js: true },
  async ({ page }) => {
    await signIn(page, "spring-mentee1@example.org");
    const katrin = await openSession({ js: true, testName: "live chat (Katrin)" });
    try {
      await signIn(katrin.page, "spring-mentor1@example.org");
      const sockets = [page.waitForEvent("websocket"), katrin.page.waitForEvent("websocket")];
      await page.goto(`${ACTIVE}/chat`);
      await katrin.page.goto(`${ACTIVE}/chat`);
      const [mine, hers] = await Promise.all(sockets);
      assert.match(mine.url(), /\/pairings\/demospringactive\/chat\/socket$/);
      await seeText(page, "Times are in your time zone, Australia/Sydney.");
      await seeText(katrin.page, "Times are in your time zone, Europe/Berlin.");

      const text = `Quick one before my standup: the hiring panel said yes! (${Date.now()})`;
      const delivered = hers.waitForEvent("framereceived", {
        predicate: (f) => String(f.payload).includes("hiring panel said yes"),
      });
      await page.locator("#f-body").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await delivered;
      await seeText(katrin.page, text);
      assert.equal(katrin.page.url(), `${katrin.url(ACTIVE)}/chat`, "Katrin's page did not reload");
      await seeText(page, text);
      // The socket's echo can show the message before the POST's answer swaps in the fresh form: wait for that answer.
      await page
        .waitForFunction(() => document.querySelector("#f-body")?.value === "", null, { timeout: WAIT_MS })
        .catch(() => {});
      assert.equal(await page.locator("#f-body").inputValue(), "", "the form is ready for the next message");
      assert.equal(
        await page.locator("#messages li", { hasText: text }).count(),
        1,
        "the sender sees the message once (posted and echoed copies merge)",
      );

      const reply = `Congratulations, Mia! (${Date.now()})`;
      await katrin.page.locator("#f-body").fill(reply);
      await katrin.page.getByRole("button", { name: "Send" }).click();
      await seeText(page, reply);
      assert.equal(await page.locator("#messages li", { hasText: reply }).count(), 1);

      // Where WebSockets are blocked (some proxies), the page's slow poll still brings new messages.
      const blocked = await page.context().newPage();
      await blocked.addInitScript(() => {
        window.WebSocket = class {
          constructor() {
            throw new DOMException("WebSockets are blocked here", "SecurityError");
          }
        };
      });
      blocked.on("pageerror", () => {});
      await blocked.goto(`${ACTIVE}/chat`);
      const polled = `Did the poll bring this? (${Date.now()})`;
      await katrin.page.locator("#f-body").fill(polled);
      await katrin.page.getByRole("button", { name: "Send" }).click();
      await seeText(blocked, polled, 35_000);
      await blocked.close();

      await page.locator("#f-body").evaluate((el) => el.removeAttribute("required"));
      await page.locator("#f-body").fill("   ");
      await page.getByRole("button", { name: "Send" }).click();
      assert.match(await waitForFieldError(page, "body"), /Write a message first/);
    } finally {
      await katrin.close();
    }
    katrin.assertClean();
  },
);

browserTest(
  "the last member signs the agreement without JavaScript and the pairing becomes active; chat works by form",
  { js: false },
  async ({ page }) => {
    await signIn(page, "spring-mentee2@example.org");
    await page.goto(ONBOARDING);
    await seeText(page, "signed by 1 of 2");
    await page.getByRole("link", { name: "Agreement", exact: true }).first().click();
    await seeText(page, "Waiting for: You");
    await page.getByRole("button", { name: /I agree: sign version 1/ }).click();
    await seeText(page, "Everyone has signed: your pairing is now active.");
    await page.goto(ONBOARDING);
    await seeText(page, "Keep meeting as agreed");
    assert.match(await page.locator("h1").innerText(), /Active/);

    await page.goto(`${ONBOARDING}/agreement`);
    const form = await findForm(page, "goals");
    await setField(form, "goals", "");
    await submitOf(form).click();
    assert.match(await waitForFieldError(page, "goals"), /Write down what you want to achieve together/);
    assert.equal(await page.locator('[name="base_version"]').inputValue(), "1");

    await page.goto(`${ONBOARDING}/chat`);
    const text = `Signed! Shall we meet on Saturday morning my time? (${Date.now()})`;
    await page.locator("#f-body").fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    await page.waitForURL(/\/chat#m-\d+$/);
    await seeText(page, text);
  },
);

browserTest(
  "goals and a wrap-up note without JavaScript: progress updated, a note from the wrap-up template",
  { js: false },
  async ({ page }) => {
    await signIn(page, "spring-mentee3@example.org");
    await page.goto(`${WRAPPING_UP}/goals`);
    // (Out-of-range numbers never reach the server here: the browser's own form validation stops them, JavaScript or
    // not.)
    const update = page.locator("form", { has: page.locator('input[name="part"][value="progress"]') }).first();
    await update.locator('input[name="progress"]').fill("95");
    await update.getByRole("button", { name: "Update" }).click();
    await seeText(page, "95%");

    await page.goto(`${WRAPPING_UP}/notes`);
    const create = await findForm(page, "template");
    await setField(create, "template", "wrap-up");
    await submitOf(create).click();
    await seeText(page, "What we achieved");
    const edit = await findForm(page, "version");
    const body = edit.locator('textarea[name="body"]');
    await body.fill(`${await body.inputValue()}\nPromotion case submitted; panel on the 12th.`);
    await submitOf(edit).click();
    await seeText(page, "Promotion case submitted; panel on the 12th.");
  },
);

browserTest(
  "a group member adds a goal and a note with JavaScript on; every room page passes axe",
  { js: true },
  async ({ page }) => {
    await signIn(page, "spring-mentee8@example.org");
    for (const path of ["", "/agreement", "/chat", "/meetings", "/goals", "/notes", "/resources"]
      .map((tab) => `${GROUP}${tab}`)
      .concat(["/calendar"])) {
      await page.goto(path);
      await assertAccessible(page, path);
    }
    await page.goto(`${GROUP}/meetings`);
    await page.locator('main a[href*="/meetings/"]').first().click();
    await assertAccessible(page, "a meeting's page");
    await page.goto(`${GROUP}/agreement`);
    const terms = await findForm(page, "goals");
    await terms.evaluate((f) => f.setAttribute("novalidate", ""));
    await setField(terms, "channels", []);
    await submitOf(terms).click();
    await seeText(page, "Choose at least one way to stay in touch.");
    const fixed = await findForm(page, "goals");
    await setField(fixed, "channels", ["chat", "video"]);
    await setField(fixed, "offLimits", "No calls before 08:00 Nairobi time.");
    await submitOf(fixed).click();
    await seeText(page, "Saved and signed. The others are asked to sign this version.");
    await seeText(page, /Waiting for: .*Olivia Bennett/);

    await page.goto(`${GROUP}/goals`);
    const add = await findForm(page, "title");
    await setField(add, "title", "Run my first team retrospective");
    await setField(add, "progress", "150");
    await add.evaluate((f) => f.setAttribute("novalidate", ""));
    await submitOf(add).click();
    assert.match(await waitForFieldError(page, "progress"), /whole number from 0 to 100/);
    await assertAccessible(page, "goals with an error");
    const again = await findForm(page, "title");
    assert.equal(
      await again.locator('[name="title"]').inputValue(),
      "Run my first team retrospective",
      "the title is kept",
    );
    await setField(again, "progress", "20");
    await submitOf(again).click();
    await seeText(page, "Run my first team retrospective");

    await page.goto(`${GROUP}/notes`);
    const note = await findForm(page, "template");
    await setField(note, "template", "check-in");
    await setField(note, "title", "Circle meeting, week 9");
    await submitOf(note).click();
    await seeText(page, "Circle meeting, week 9");
    await seeText(page, "Actions before next time");
    await page.goto(`${GROUP}/resources`);
    const link = await findForm(page, "url");
    await setField(link, "url", "javascript:alert(1)");
    await setField(link, "title", "Not a link");
    await submitOf(link).click();
    assert.match(await waitForFieldError(page, "url"), /Only web links/);
  },
);
