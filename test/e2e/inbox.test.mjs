// The inbox is enough, in a browser with JavaScript off: Wanjiru proposes a meeting in the wrapping-up pairing; Kofi
// gets the proposal mail (dev mailbox) with the time in both zones, opens its Accept link without signing in (nothing
// is recorded by opening it), presses the one button, and Wanjiru gets the confirmation with an .ics link that
// downloads the meeting. The link then shows the meeting as decided, with no button. And a reply to a Trellis mail,
// delivered through wrangler's local inbound-mail endpoint, lands in the pairing's chat.
import assert from "node:assert/strict";
import {
  BASE_URL,
  assertAccessible,
  browserTest,
  findForm,
  openSession,
  seeText,
  setField,
  signIn,
  signOutButton,
  submitOf,
} from "./helpers.mjs";

const WRAPPING = "/pairings/demospringwrappingup";
const WANJIRU = "spring-mentor3@example.org";
const KOFI = "spring-mentee3@example.org";
const TITLE = `Inbox test ${Date.now().toString(36)}`;

const ahead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The newest mail to `email` whose subject matches, as the dev mailbox lists it: its subject and links. */
async function mailTo(email, subject, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const html = await (await fetch(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(email)}`)).text();
    for (const item of html.split('<li><a href="/dev/mailbox/').slice(1)) {
      const found = /^[^"]+">([^<]+)<\/a>/
        .exec(item)?.[1]
        ?.replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
      if (!found || !subject.test(found)) continue;
      const links = [...item.matchAll(/<a href="(https?:\/\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
      return { subject: found, links };
    }
    if (Date.now() > deadline) assert.fail(`no mail matching ${subject} for ${email} after ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A link from a mail (made with the local default origin), pointed at the server under test. */
function here(href) {
  const u = new URL(href);
  assert.match(u.pathname, /^\/m\/[a-z2-7]+(\/meeting\.ics)?$/, `a short meeting link: ${href}`);
  return `${BASE_URL}${u.pathname}${u.search}`;
}

browserTest(
  "a meeting proposal is accepted from the mail without signing in, and the proposer gets the confirmation",
  { js: false },
  async ({ page }) => {
    await signIn(page, WANJIRU);
    await page.goto(`${WRAPPING}/meetings`);
    const form = await findForm(page, "title");
    await setField(form, "kind", "video");
    await setField(form, "title", TITLE);
    await setField(form, "date", ahead(6));
    await setField(form, "start", "15:00");
    await setField(form, "end", "16:00");
    await submitOf(form).click();
    await seeText(page, TITLE);

    const proposal = await mailTo(KOFI, new RegExp(`^Wanjiru Kamau proposes a meeting: ${TITLE}$`));
    const accept = proposal.links.find((l) => /\/m\/[a-z2-7]+\?a=accept$/.test(l));
    assert.ok(accept, `an Accept link in ${proposal.links.join(" ")}`);
    assert.ok(new URL(accept).pathname.length < 120, "a short link");

    const kofi = await openSession({ js: false, testName: "inbox (Kofi, not signed in)" });
    try {
      const p = kofi.page;
      await p.goto(here(accept));
      await seeText(p, TITLE);
      assert.equal(await signOutButton(p).count(), 0, "not signed in");
      assert.equal(await p.getByRole("button", { name: "Accept this meeting" }).count(), 1);
      assert.equal(await p.getByRole("button", { name: "Decline this meeting" }).count(), 0, "one button");
      await seeText(p, "your time");
      // Opening it changed nothing: the same page again still asks.
      await p.reload();
      await p.getByRole("button", { name: "Accept this meeting" }).click();
      await p.waitForURL((u) => u.searchParams.get("done") === "1");
      await seeText(p, "Thank you! Your answer is recorded. This meeting is confirmed");
      await p.goto(here(accept));
      await seeText(p, "This meeting is confirmed: everyone accepted.");
      assert.equal(await p.getByRole("button", { name: "Accept this meeting" }).count(), 0, "decided: no button");
    } finally {
      await kofi.close();
    }
    kofi.assertClean();

    // axe runs scripts in the page: a session with JavaScript on checks the page the link opens.
    const axe = await openSession({ js: true, testName: "inbox (axe)" });
    try {
      await axe.page.goto(here(accept));
      await seeText(axe.page, TITLE);
      await assertAccessible(axe.page, "the meeting link page");
      await signIn(axe.page, WANJIRU);
      await axe.page.goto("/settings/reminders");
      await assertAccessible(axe.page, "/settings/reminders");
    } finally {
      await axe.close();
    }
    axe.assertClean();

    const confirmed = await mailTo(WANJIRU, new RegExp(`^Meeting confirmed: ${TITLE}$`));
    const ics = confirmed.links.find((l) => /\/meeting\.ics$/.test(l));
    assert.ok(ics, `an .ics link in ${confirmed.links.join(" ")}`);
    const download = await fetch(here(ics));
    assert.equal(download.status, 200);
    assert.match(await download.text(), new RegExp(`SUMMARY:${TITLE}`));
  },
);

browserTest(
  "a reply to a Trellis mail, through wrangler's inbound-mail endpoint, lands in the chat without its quote; reminder time saved",
  { js: false },
  async ({ page }) => {
    // Kofi's check-in mail (the demo's journey sends it) carries his reply address for the pairing.
    const html = await (await fetch(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(KOFI)}`)).text();
    const id = /<li><a href="\/dev\/mailbox\/([^"]+)">Check-in \d+: /.exec(html)?.[1];
    assert.ok(id, "Kofi has a check-in mail");
    const message = await (await fetch(`${BASE_URL}/dev/mailbox/${id}`)).text();
    const replyTo = /\nReply-To: (reply\+[a-z2-7]+@[a-z0-9.-]+)/.exec(message)?.[1];
    assert.ok(replyTo, "the mail has a Reply-To address");
    assert.match(
      message,
      /\nIn-Reply-To: &lt;pairing\.demospringwrappingup@[^&]+&gt;/,
      "it is in the pairing's thread",
    );

    const text = `Thursday suits me, see you then! ${Date.now().toString(36)}`;
    const raw = [
      `From: Kofi Boateng <${KOFI}>`,
      `To: ${replyTo}`,
      "Subject: Re: Check-in",
      `Message-ID: <e2e-${Date.now()}@mail.example>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      text,
      "",
      "On Monday, Trellis wrote:",
      "> How is your mentoring going?",
      "",
    ].join("\r\n");
    const url = `${BASE_URL}/cdn-cgi/handler/email?from=${encodeURIComponent(KOFI)}&to=${encodeURIComponent(replyTo)}`;
    const res = await fetch(url, { method: "POST", body: raw });
    assert.equal(res.status, 200, await res.text());

    await signIn(page, WANJIRU);
    await page.goto("/settings/reminders");
    await page.getByRole("radio", { name: "2 hours before" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await seeText(page, "Your choice is saved.");
    assert.equal(await page.getByRole("radio", { name: "2 hours before" }).isChecked(), true);
    await page.goto(`${WRAPPING}/chat`);
    await seeText(page, text);
    assert.doesNotMatch(await page.locator("main").innerText(), /How is your mentoring going\?/, "the quote is gone");
  },
);
