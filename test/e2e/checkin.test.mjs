// Check-ins answered from the email link, with JavaScript off and without signing in: the demo's journeys mail the
// wrapping-up pairing's open check-in (worker/demo/seed-journeys.ts); Kofi follows a link from the dev mailbox, sees
// his choice preselected and nothing recorded, presses the one button, then changes his answer through another link of
// the same mail; an expired and a forged link each show a clear page. Then the same in a text browser (w3m), if
// installed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { BASE_URL, browserTest, seeText, signOutButton } from "./helpers.mjs";

const KOFI = "spring-mentee3@example.org";
const WANJIRU = "spring-mentor3@example.org";
const CHECKIN_SUBJECT = /^Check-in \d+: how is your mentoring with .+ going\?$/;
/**
 * The key check-in links are signed with when TOKEN_SECRET is not set and dev tools are on
 * (worker/domain/signed-link-tokens.ts).
 */
const DEV_TOKEN_SECRET = "trellis-development-only-token-secret";

/**
 * The answer links of the person's check-in mail (not a reminder), by answer, read from the dev mailbox's raw HTML. The
 * demo's journeys start when the server seeds, so the mail may take a few seconds to arrive.
 */
async function checkinLinks(email, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const html = await (await fetch(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(email)}`)).text();
    // Each mail is an item starting with a link to it (its subject), followed by the links in its text.
    for (const item of html.split('<li><a href="/dev/mailbox/').slice(1)) {
      const subject = /^[^"]+">([^<]+)<\/a>/.exec(item)?.[1]?.replace(/&#39;/g, "'");
      if (!subject || !CHECKIN_SUBJECT.test(subject)) continue;
      const links = {};
      for (const [, href, answer] of item.matchAll(/<a href="(https?:\/\/[^"]+\/c\/[^"?]+\?a=([a-z-]+))"/g))
        links[answer] = href.replace(/&amp;/g, "&");
      return { subject, links };
    }
    if (Date.now() > deadline)
      assert.fail(`no check-in mail for ${email} in the dev mailbox after ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * A link from a mail, pointed at the server under test: journey mail links use PUBLIC_URL, else http://127.0.0.1:8787
 * (what `npm start` serves), whatever port this server runs on.
 */
function here(href) {
  const u = new URL(href);
  assert.match(u.pathname, /^\/c\/[a-z2-7]+$/, `a short check-in link: ${href}`);
  return `${BASE_URL}${u.pathname}${u.search}`;
}

const tokenOf = (href) => new URL(href).pathname.split("/").pop();

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const fromBase32 = (text) => {
  const out = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
};
const toBase32 = (bytes) => {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
};

/**
 * The same short token signed again with an expiry in the past: the link as it is once the check-in has closed. (The
 * token: base32 of 3 header bytes — kind, id form, expiry in hours — the ids, then 9 bytes of HMAC-SHA256 over
 * "trellis-link-v1\0" and the rest; worker/mail/reply-address.ts.)
 */
function expired(token) {
  const bytes = fromBase32(token);
  const payload = Buffer.from(bytes.subarray(0, bytes.length - 9));
  const hours = Math.floor(Date.now() / 3_600_000) - 1;
  payload[0] = (payload[0] & 0xe0) | (hours >>> 16);
  payload[1] = (hours >>> 8) & 0xff;
  payload[2] = hours & 0xff;
  const mac = createHmac("sha256", DEV_TOKEN_SECRET)
    .update(Buffer.concat([Buffer.from("trellis-link-v1\0"), payload]))
    .digest()
    .subarray(0, 9);
  return toBase32(Buffer.concat([payload, mac]));
}

/** The token with one character of its signature changed. */
function forged(token) {
  const at = token.length - 5;
  return `${token.slice(0, at)}${token[at] === "a" ? "b" : "a"}${token.slice(at + 1)}`;
}

browserTest(
  "a check-in answered from the email link without signing in, changed later; dead links explain themselves",
  { js: false },
  async ({ page }) => {
    const { subject, links } = await checkinLinks(KOFI);
    assert.match(subject, /with Wanjiru Kamau/);
    assert.deepEqual(Object.keys(links).sort(), ["going-well", "not-met", "ok", "struggling"], "one link per answer");

    // Opening a link (as a mail scanner would) records nothing: the choice is preselected, one button sends it.
    await page.goto(here(links["going-well"]));
    await seeText(page, "How is your mentoring going?");
    await seeText(page, "With Wanjiru Kamau, in Spring 2026 Mentoring Circle.");
    assert.equal(await signOutButton(page).count(), 0, "not signed in");
    const radios = page.locator('input[type=radio][name="answer"]');
    assert.equal(await radios.count(), 4);
    assert.equal(
      await page.locator('input[name="answer"][value="going-well"]').isChecked(),
      true,
      "the link's answer is preselected",
    );
    assert.equal(await page.locator('input[name="answer"]:checked').count(), 1);
    const before = await page.locator("main").innerText();
    assert.doesNotMatch(before, /You answered|Thank you|is recorded/, "no answer recorded yet");
    assert.equal(
      await page.getByRole("button", { name: "Send my answer" }).count(),
      1,
      "the button says the answer is not sent yet",
    );
    assert.equal(await page.getByRole("button", { name: "Change my answer" }).count(), 0);

    await page.getByRole("button", { name: "Send my answer" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/c/") && u.searchParams.get("done") === "1");
    await seeText(page, 'Thank you! Your answer "Going well" is recorded.');

    // Another link of the same mail: the page shows both answers and changes nothing until that is confirmed; the
    // form keeps the recorded answer selected, so pressing its button by habit changes nothing either.
    await page.goto(here(links.struggling));
    await seeText(page, 'You answered "Going well" on');
    await seeText(page, 'The link you opened says "Struggling"');
    assert.equal(await page.getByRole("radio", { name: "Going well" }).isChecked(), true);
    assert.equal(await page.getByRole("button", { name: 'Change my answer to "Struggling"' }).count(), 1);
    await page.getByRole("radio", { name: "Struggling" }).check();
    await page.locator("#f-comment").fill("The promotion paperwork is eating my evenings.");
    await page.getByRole("button", { name: "Change my answer", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("done") === "1");
    await seeText(page, 'Thank you! Your answer "Struggling" is recorded.');
    assert.equal(
      await page.locator("#f-comment").inputValue(),
      "The promotion paperwork is eating my evenings.",
      "the comment is kept",
    );
    await page.goto(here(links.ok));
    await seeText(page, 'You answered "Struggling" on');

    // A link whose check-in has closed, and a tampered one.
    const token = tokenOf(links.ok);
    const closed = await page.goto(`/c/${expired(token)}?a=ok`);
    assert.equal(closed.status(), 410);
    await seeText(page, "This check-in has closed");
    await seeText(page, "The next check-in will reach you by email.");
    assert.equal(await page.locator('input[name="answer"]').count(), 0, "no form on a closed check-in");
    const fake = await page.goto(`/c/${forged(token)}?a=ok`);
    assert.equal(fake.status(), 404);
    await seeText(page, "This link does not work");
    assert.equal(await page.locator('input[name="answer"]').count(), 0, "no form behind a forged link");
  },
);

const w3m = spawnSync("sh", ["-c", "command -v w3m"], { encoding: "utf8" }).stdout.trim();

test("a text browser (w3m) shows the check-in with its choices, and its POST records the answer without a cookie", {
  skip: w3m ? false : "w3m is not installed",
}, async () => {
  const { links } = await checkinLinks(WANJIRU);
  const dir = mkdtempSync(join(tmpdir(), "trellis-w3m-"));
  // w3m's own config dir under a temporary HOME, with cookies off: the link alone must do.
  const run = (args) =>
    spawnSync(w3m, ["-no-cookie", "-cols", "120", ...args], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir },
      timeout: 20_000,
    });
  try {
    const shown = run(["-dump", here(links.ok)]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /How is your mentoring going\?/);
    assert.match(shown.stdout, /With Kofi Boateng, in Spring 2026 Mentoring Circle\./);
    // w3m draws radio buttons as (*) when checked and ( ) when not.
    assert.match(shown.stdout, /\(\*\) OK/, `OK preselected:\n${shown.stdout}`);
    for (const label of ["Going well", "Struggling", "We haven't met yet"])
      assert.match(shown.stdout, new RegExp(`\\( \\) ${label}`));
    assert.match(shown.stdout, /Send my answer/);
    assert.doesNotMatch(shown.stdout, /You answered/);

    // w3m cannot press a button from the command line; `-post` sends what the form sends (its fields, urlencoded) to
    // the form's action (read from the page), and w3m follows the 303 to the thanks page.
    const source = await (await fetch(here(links.ok))).text();
    const action = /<form method="post" action="([^"]+)"/.exec(source)?.[1];
    assert.ok(action?.startsWith("/c/"), `the page's form posts back to its own link:\n${source.slice(0, 3000)}`);
    const body = join(dir, "form.txt");
    writeFileSync(body, new URLSearchParams({ answer: "ok", comment: "Answered from a text browser." }).toString());
    const posted = run(["-dump", "-post", body, `${BASE_URL}${action}`]);
    assert.equal(posted.status, 0, posted.stderr);
    assert.match(posted.stdout, /Thank you! Your answer "OK" is recorded\./, posted.stdout);
    const again = run(["-dump", here(links.struggling)]);
    assert.match(again.stdout, /You answered "OK" on/);
    assert.match(again.stdout, /Change my answer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
