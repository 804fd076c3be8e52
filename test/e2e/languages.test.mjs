// Every page in another language, in a real browser: signed out, as a coordinator and as a mentee, each page of the demo
// shown in Chinese (Simplified) is scanned for English left over — any run of Latin letters that is neither people's
// own content (marked as such for bidi isolation — dir="auto", <bdi>, rendered markdown — or the demo's seed text) nor a
// word the Chinese catalog itself uses (Trellis, CSV, ...) fails, with the page and the words. In Arabic every page is right to left, fits a 320 px phone and passes axe; Hindi, Arabic and Chinese
// pages all stay within the 14 KB budget (helpers.mjs fails a test on any HTML response over it).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { axeProblems, browserTest, openSession, signInOnce } from "./helpers.mjs";
import { COORDINATOR_PAGES, participantPages, ROOM, SELF_MATCH_PAGES, VISITOR_PAGES } from "./pages.mjs";

const ROOT = new URL("../..", import.meta.url).pathname;
const COORDINATOR = "cocoordinator@example.org";
const MENTEE = "spring-mentee3@example.org";
const SELF_MATCHER = "mentee3@example.org";

/** Every message of one locale, from each catalog area. */
function catalogOf(locale) {
  const dir = join(ROOT, "worker/domain/i18n/messages");
  return readdirSync(dir).flatMap((area) =>
    Object.values(JSON.parse(readFileSync(join(dir, area, `${locale}.json`), "utf8"))),
  );
}

/** The demo's own content (names, program names, goals, chat): the string literals of its seed files. */
function seedTexts() {
  const dir = join(ROOT, "worker/demo");
  const texts = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const m of source.matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g))
      texts.push(...(m[1] ?? m[2]).split(/\$\{[^}]*\}/));
  }
  return texts;
}

const LATIN_WORD = /[A-Za-z][A-Za-z'’]*/g;
/** Latin words a translation may keep: those the Chinese catalog uses itself, and each language's own name. */
const ALLOWED_WORDS = new Set(
  [...catalogOf("zh-CN"), "English Español Français Português Brasil Kiswahili"].flatMap(
    (m) => m.replace(/\{[^{}]*\}/g, " ").match(LATIN_WORD) ?? [],
  ),
);
const SEED = seedTexts();

/**
 * The English a page shows: the Latin-letter phrases (of words of 3 letters or more) in its text and its labelled
 * attributes, minus email addresses, links, paths and time-zone ids, the demo's own content and allowed words.
 */
async function englishOn(page) {
  const texts = await page.evaluate(() => {
    const out = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("script, style")) continue;
      // Text marked as a person's own (isolated for bidi: dir="auto", <bdi>, rendered markdown) is theirs, not ours.
      if (parent.closest('[dir="auto"], bdi, .md')) continue;
      out.push(n.textContent);
    }
    for (const el of document.body.querySelectorAll("[aria-label],[title],[placeholder],[alt],input[type=submit]"))
      for (const a of ["aria-label", "title", "placeholder", "alt", "value"])
        if (a !== "value" || el.type === "submit") out.push(el.getAttribute(a) ?? "");
    return out;
  });
  const found = new Set();
  for (const raw of texts) {
    const text = raw
      .replace(/\S+@\S+/g, " ")
      .replace(/\b(https?|webcal):\/\/\S+/g, " ")
      .replace(/(^|\s)\/\S*/g, " ")
      .replace(/\b[A-Z][A-Za-z_]+\/[A-Za-z_/+-]+/g, " ");
    for (const m of text.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ \-,][A-Za-z][A-Za-z'’]*)*/g)) {
      const phrase = m[0];
      const words = (phrase.match(LATIN_WORD) ?? []).filter((w) => w.length >= 3);
      if (words.length === 0 || words.every((w) => ALLOWED_WORDS.has(w))) continue;
      if (SEED.some((s) => s.includes(phrase))) continue;
      found.add(phrase);
    }
  }
  return [...found];
}

/** Signs `email` in through an English browser (the sign-in helper reads English labels), then hands over the session. */
async function signInAs(s, email) {
  const english = await openSession({ js: false, testName: "sign-in for a language walk" });
  try {
    await signInOnce(english, email);
    await s.context.addCookies(await english.context.cookies());
  } finally {
    await english.close();
  }
}

/** Walks `paths` in Chinese, collecting each page's leftover English, and checks `<html lang dir>`. */
async function assertNoEnglish(page, paths, who) {
  const leftovers = [];
  for (const path of paths) {
    await page.goto(path);
    const root = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    assert.deepEqual(root, ["zh-CN", "ltr"], `${who} ${path}: <html lang dir>`);
    const english = await englishOn(page);
    if (english.length) leftovers.push(`${path}: ${english.slice(0, 12).join(" | ")}`);
  }
  assert.deepEqual(leftovers, [], `${who}'s pages in Chinese still show English`);
}

browserTest("signed-out pages in Chinese show no English", { js: false, locale: "zh-CN" }, async (s) => {
  await assertNoEnglish(s.page, VISITOR_PAGES, "a visitor");
});

browserTest("a coordinator's pages in Chinese show no English", { js: false, locale: "zh-CN" }, async (s) => {
  await signInAs(s, COORDINATOR);
  await assertNoEnglish(s.page, COORDINATOR_PAGES, "the coordinator");
});

browserTest("a mentee's pages in Chinese show no English", { js: true, locale: "zh-CN" }, async (s) => {
  await signInAs(s, MENTEE);
  await assertNoEnglish(s.page, participantPages(ROOM), "the mentee");
  await signInAs(s, SELF_MATCHER);
  await assertNoEnglish(s.page, SELF_MATCH_PAGES, "a mentee choosing a mentor");
});

/** Walks `paths` in Arabic on a 320 px phone: right to left, nothing scrolls sideways, axe finds nothing. */
async function assertArabicFits(page, paths, who) {
  await page.setViewportSize({ width: 320, height: 700 });
  const problems = [];
  for (const path of paths) {
    await page.goto(path);
    const root = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      sideways: document.documentElement.scrollWidth - window.innerWidth,
    }));
    if (root.lang !== "ar" || root.dir !== "rtl")
      problems.push(`${path}: <html lang="${root.lang}" dir="${root.dir}">`);
    if (root.sideways > 0) problems.push(`${path}: scrolls sideways by ${root.sideways}px`);
    for (const problem of await axeProblems(page)) problems.push(`${path}: axe ${problem}`);
  }
  assert.deepEqual(problems, [], `${who}'s pages in Arabic at 320 px`);
}

browserTest(
  "in Arabic a coordinator's pages are right to left, fit 320 px and pass axe",
  { js: true, locale: "ar" },
  async (s) => {
    await signInAs(s, COORDINATOR);
    await assertArabicFits(s.page, COORDINATOR_PAGES, "the coordinator");
  },
);

browserTest(
  "in Arabic a mentee's pages are right to left, fit 320 px and pass axe",
  { js: true, locale: "ar" },
  async (s) => {
    await assertArabicFits(s.page, VISITOR_PAGES, "a visitor");
    await signInAs(s, MENTEE);
    await assertArabicFits(s.page, participantPages(ROOM), "the mentee");
  },
);

browserTest("in Hindi every page is within the HTML budget", { js: false, locale: "hi" }, async (s) => {
  await signInAs(s, COORDINATOR);
  for (const path of COORDINATOR_PAGES) {
    await s.page.goto(path);
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), "hi", path);
  }
  await signInAs(s, MENTEE);
  for (const path of participantPages(ROOM)) await s.page.goto(path);
  await s.settle();
  assert.ok(s.responses.length >= COORDINATOR_PAGES.length, "every page was measured");
});
