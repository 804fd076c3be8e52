// Shared helpers for the browser suite: one Chromium per test file, a browser context per test (JavaScript on or off),
// an HTML size budget checked on every HTML response the page receives (full pages and htmx fragments alike),
// CSP violations and page errors collected from the console, and sign-in through the dev mailbox.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8799").replace(/\/$/, "");
/** Each HTML response must fit one TCP initial window once compressed. */
export const HTML_BUDGET_BYTES = 14 * 1024;
/** How long a single wait (for text, a URL, an element) may take. */
export const WAIT_MS = 15_000;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser = null;
/** Every HTML response measured in this file: { url, method, status, kind, raw, gzip, test }. */
const measured = [];

before(async () => {
  // launch() gives every browser context a fresh, temporary profile (a new user-data dir), removed on close.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  if (measured.length === 0) return;
  const largest = new Map();
  for (const m of measured) {
    const key = `${m.method} ${m.path}${m.kind === "fragment" ? " (htmx fragment)" : ""}`;
    if (!largest.has(key) || largest.get(key).gzip < m.gzip) largest.set(key, m);
  }
  if (process.env.E2E_SIZE_LOG) {
    mkdirSync(dirname(process.env.E2E_SIZE_LOG), { recursive: true });
    appendFileSync(
      process.env.E2E_SIZE_LOG,
      `${measured.map((m) => JSON.stringify({ file: basename(process.argv[1] ?? ""), ...m })).join("\n")}\n`,
    );
  }
  const rows = [...largest.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
  console.log(`HTML sizes (gzip bytes, budget ${HTML_BUDGET_BYTES}) — ${measured.length} responses, largest per URL:`);
  for (const [key, m] of rows.slice(0, 12))
    console.log(`  ${String(m.gzip).padStart(6)}  ${String(m.raw).padStart(7)} raw  ${m.status}  ${key}`);
});

/**
 * Declares a browser test that runs with JavaScript on or off (and, with `locale`, a browser whose language is that
 * locale: its Accept-Language and navigator.language). `body(s)` gets a session: `s.page`, `s.js`, `s.url(path)`.
 * After the body, the test fails if any HTML response was over budget, if a CSP violation was logged, or a page error
 * occurred.
 */
export function browserTest(name, { js, locale }, body) {
  test(`${name} (JavaScript ${js ? "on" : "off"})`, async (t) => {
    const s = await openSession({ js, locale, testName: t.name });
    let failed = false;
    try {
      await body(s);
    } catch (err) {
      failed = true;
      throw await withContext(err, s);
    } finally {
      await s.close();
      if (!failed) s.assertClean();
    }
  });
}

async function withContext(err, s) {
  try {
    if (!s.page.isClosed() && err instanceof Error) err.message += `\n    at page ${s.page.url()}`;
  } catch {}
  return err;
}

/** Opens a fresh browser context and page with size and console recording. */
export async function openSession({ js, locale, testName = "" }) {
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: BASE_URL, ...(locale ? { locale } : {}) });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  const pending = [];
  const responses = [];
  const overBudget = [];
  const unmeasured = [];
  const consoleProblems = [];
  const pageErrors = [];

  page.on("response", (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (!type.startsWith("text/html")) return;
    const status = res.status();
    if (status >= 300 && status < 400) return; // redirects carry no page
    const req = res.request();
    const kind = req.headers()["hx-request"] === "true" ? "fragment" : "page";
    const measure = (body) => {
      const gzip = gzipSync(body).length;
      const url = new URL(res.url());
      const search = url.search.replace(/(token=)[^&]+/g, "$1…");
      const entry = {
        url: res.url(),
        path: url.pathname + search,
        method: req.method(),
        status,
        kind,
        raw: body.length,
        gzip,
        test: testName,
      };
      measured.push(entry);
      responses.push(entry);
      if (gzip > HTML_BUDGET_BYTES) overBudget.push(entry);
    };
    // Chromium may drop a body when the page navigates on at once; a GET is safe to fetch again (same cookies) to
    // measure.
    const refetch = (err) =>
      req.method() === "GET"
        ? context.request.get(res.url(), { headers: req.headers(), maxRedirects: 0 }).then((again) => again.body())
        : Promise.reject(err);
    pending.push(
      res
        .body()
        .catch(refetch)
        .then(measure, (err) => unmeasured.push(`${req.method()} ${res.url()}: ${err.message.split("\n")[0]}`)),
    );
  });
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to/i.test(text)) consoleProblems.push(`${page.url()}: ${text}`);
  });
  page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));

  return {
    page,
    context,
    js,
    url: (path) => `${BASE_URL}${path}`,
    /** The HTML responses measured so far in this session (after `await s.settle()`). */
    responses,
    async settle() {
      await Promise.allSettled(pending);
    },
    async close() {
      await Promise.allSettled(pending);
      await context.close();
      await Promise.allSettled(pending);
    },
    assertClean() {
      assert.deepEqual(
        overBudget.map((e) => `${e.method} ${e.path} (${e.kind}, HTTP ${e.status}): ${e.gzip} bytes gzip`),
        [],
        `HTML responses over the ${HTML_BUDGET_BYTES}-byte gzip budget`,
      );
      assert.deepEqual(unmeasured, [], "HTML responses whose body could not be read for the size check");
      assert.deepEqual(consoleProblems, [], "Content Security Policy violations in the console");
      assert.deepEqual(pageErrors, [], "uncaught errors in the page");
    },
  };
}

/**
 * Waits until `text` (string or RegExp) is visible on the page — works whether htmx swapped a fragment or the page
 * navigated.
 */
export async function seeText(page, text, timeout = WAIT_MS) {
  try {
    await page.getByText(text).first().waitFor({ state: "visible", timeout });
  } catch (_err) {
    const main = await page
      .locator("main")
      .innerText({ timeout: 1000 })
      .catch(() => "(no main)");
    assert.fail(`expected to see ${text} on ${page.url()}, but the page says:\n${main.slice(0, 1500)}`);
  }
}

/** The sign-out button in the navigation: present only when signed in. */
export const signOutButton = (page) => page.locator("header nav").getByRole("button", { name: "Sign out" });

/** Signs in as `email` through the sign-in form, the dev mailbox and the confirmation button. */
export async function signIn(page, email) {
  await page.goto("/signin");
  await seeText(page, "No password needed");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await seeText(page, "Check your email");
  assert.match(await page.locator("main").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));

  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await seeText(page, "Dev mailbox");
  const newest = page.locator("main ul.cards > li").filter({ hasText: "Your Trellis sign-in link" }).first();
  await newest.waitFor();
  assert.match(
    await newest.innerText(),
    new RegExp(`to ${email.replace(/[.]/g, "\\.")}`),
    "the newest sign-in mail is addressed to the person",
  );
  const link = newest.locator('a[href*="/auth/verify?token="]').first();
  const href = await link.getAttribute("href");
  assert.ok(href?.startsWith(`${BASE_URL}/auth/verify?token=`), `sign-in link points at this server: ${href}`);
  await link.click();
  await page.waitForURL((u) => u.pathname === "/auth/verify");

  await seeText(page, `Continue as ${email}`);
  await page.locator("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await signOutButton(page).waitFor({ state: "visible" });
  assert.equal(new URL(page.url()).pathname, "/", "after signing in the person lands on the home page");
}

const sessionCookies = new Map();

/** Sessions other test files of this run signed in (E2E_SESSIONS, a file in the run's fresh state directory). */
function sharedSessions() {
  const file = process.env.E2E_SESSIONS;
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

/**
 * Signs `email` in once per run (sign-in mail is limited to 3 per address per 15 minutes, and several files sign the
 * demo coordinators in), then hands later contexts that session's cookies. A session another file left is checked
 * first: that file may have signed out.
 */
export async function signInOnce({ page, context }, email) {
  const cookies = sessionCookies.get(email);
  if (cookies) return context.addCookies(cookies);
  const shared = sharedSessions()[email];
  if (shared) {
    await context.addCookies(shared);
    await page.goto("/");
    if ((await signOutButton(page).count()) > 0) {
      sessionCookies.set(email, shared);
      return;
    }
    await context.clearCookies();
  }
  await signIn(page, email);
  const fresh = await context.cookies();
  sessionCookies.set(email, fresh);
  if (process.env.E2E_SESSIONS)
    writeFileSync(process.env.E2E_SESSIONS, JSON.stringify({ ...sharedSessions(), [email]: fresh }));
}

/** Signs out with the navigation button and checks the session is gone. */
export async function signOut(page) {
  await signOutButton(page).click();
  await page.locator("header nav").getByRole("link", { name: "Sign in" }).waitFor({ state: "visible" });
  assert.equal(await signOutButton(page).count(), 0, "no sign-out button once signed out");
}

/**
 * The error message shown next to a form field, or null: the input is marked invalid and points at, or sits beside, the
 * message.
 */
export async function fieldError(page, name) {
  const input = page.locator(`[name="${name}"]`).first();
  const describedBy = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = [];
  for (const id of describedBy) {
    const el = page.locator(`[id="${id}"]`);
    if ((await el.count()) === 0) continue;
    const cls = (await el.first().getAttribute("class")) ?? "";
    const role = (await el.first().getAttribute("role")) ?? "";
    if (/\berror\b/.test(cls) || role === "alert") texts.push((await el.first().innerText()).trim());
  }
  if (texts.length === 0) {
    const beside = page.locator(".field", { has: page.locator(`[name="${name}"]`) }).locator(".error, [role=alert]");
    for (const el of await beside.all()) texts.push((await el.innerText()).trim());
  }
  const message = texts.filter(Boolean).join(" ");
  return message || null;
}

/** Waits until the field `name` shows an error message next to it, and returns the message. */
export async function waitForFieldError(page, name, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const message = await fieldError(page, name).catch(() => null);
    if (message) return message;
    if (Date.now() > deadline) {
      const main = await page
        .locator("main")
        .innerText({ timeout: 1000 })
        .catch(() => "(no main)");
      assert.fail(
        `expected an error message next to the field "${name}" on ${page.url()}, but the page says:\n${main.slice(0, 1500)}`,
      );
    }
    await page.waitForTimeout(200);
  }
}

/** Sets a form control by name, whatever its kind: text-like input, textarea, select, radio group or checkbox. */
export async function setField(form, name, value) {
  const controls = form.locator(`[name="${name}"]`);
  const count = await controls.count();
  assert.ok(count > 0, `the form has a field named ${name}`);
  const first = controls.first();
  const tag = await first.evaluate((el) => el.tagName.toLowerCase()).catch(() => null);
  if (tag === "select" || (await form.locator(`select[name="${name}"]`).count()) > 0) {
    await form.locator(`select[name="${name}"]`).selectOption(String(value));
    return;
  }
  const type = ((await first.getAttribute("type")) ?? "text").toLowerCase();
  if (type === "radio") {
    await form.locator(`input[type=radio][name="${name}"][value="${value}"]`).check();
  } else if (type === "checkbox" && count === 1 && typeof value === "boolean") {
    await first.setChecked(value);
  } else if (type === "checkbox") {
    const wanted = new Set(Array.isArray(value) ? value : [value]);
    for (const box of await controls.all()) await box.setChecked(wanted.has(await box.getAttribute("value")));
  } else {
    await first.fill(String(value));
  }
}

/** The form that contains a field named `name`. */
export const formWith = (page, name) => page.locator("form", { has: page.locator(`[name="${name}"]`) }).first();

/** Waits for the form containing a field named `name` and returns it; fails with what the page shows instead. */
export async function findForm(page, name, timeout = WAIT_MS) {
  const form = formWith(page, name);
  try {
    await form.waitFor({ state: "visible", timeout });
  } catch {
    const main = await page
      .locator("main")
      .innerText({ timeout: 1000 })
      .catch(() => "(no main)");
    assert.fail(
      `expected a form with a field named "${name}" on ${page.url()}, but the page says:\n${main.slice(0, 1500)}`,
    );
  }
  return form;
}

/** The submit button of a form. */
export const submitOf = (form) => form.locator("button[type=submit], button:not([type]), input[type=submit]").last();

/**
 * What axe finds against WCAG 2.2 AA on the page as it is now, one line per rule ("id (impact): help — first targets");
 * empty when nothing.
 */
export async function axeProblems(page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
}

/** Fails with axe's problems, one per line, when the page as it is now has any (WCAG 2.2 AA). */
export async function assertAccessible(page, label) {
  assert.deepEqual(await axeProblems(page), [], `${label} has accessibility violations`);
}
