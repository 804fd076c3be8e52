// `node scripts/screenshots.mjs`: walks every page as a visitor, a coordinator and participants at 320, 390 and 1280 px,
// light and dark, against a running server (BASE_URL, default http://127.0.0.1:8787, e.g. `npm start`), saves a
// full-page screenshot of each to OUT (default test-results/screenshots) and reports what a person would notice:
// sideways scrolling, Content-Security-Policy reports, page errors and each page's gzip size. Exits 1 when a page
// scrolls sideways or breaks the CSP.
// Options (environment): WIDTHS (320,390,1280), SCHEMES (light,dark), ONLY (a substring of the paths to walk), FULL=0,
// CHROMIUM (/usr/bin/chromium). Sign-in goes through the dev mailbox once per person (the session is kept in OUT).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { COORDINATOR_PAGES, DEV_PAGES, participantPages, SELF_MATCH_PAGES, VISITOR_PAGES } from "../test/e2e/pages.mjs";

const BASE = (process.env.BASE_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
const OUT = process.env.OUT ?? "test-results/screenshots";
const WIDTHS = (process.env.WIDTHS ?? "320,390,1280").split(",").map(Number);
const SCHEMES = (process.env.SCHEMES ?? "light,dark").split(",");
const ONLY = process.env.ONLY ?? "";
/** FULL=0 keeps each screenshot to the first screenful (easier to look at on a small screen). */
const FULL = process.env.FULL !== "0";
mkdirSync(OUT, { recursive: true });

/** Who walks which pages (the lists are the browser suite's, test/e2e/pages.mjs). */
const WALKS = [
  { who: "visitor", email: null, paths: VISITOR_PAGES },
  { who: "coordinator", email: "coordinator@example.org", paths: [...COORDINATOR_PAGES, ...DEV_PAGES] },
  { who: "mentee", email: "spring-mentee1@example.org", paths: participantPages("/pairings/demospringactive") },
  { who: "selfmatch", email: "mentee3@example.org", paths: SELF_MATCH_PAGES },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});

/** Signs in through the dev mailbox and returns the storage state (kept in OUT for the next run). */
async function sessionOf(email) {
  const file = join(OUT, `.session-${email}.json`);
  if (existsSync(file)) {
    const state = JSON.parse(readFileSync(file, "utf8"));
    const context = await browser.newContext({ baseURL: BASE, storageState: state });
    const res = await (await context.newPage()).goto("/profile");
    const ok = new URL(res.url()).pathname === "/profile";
    await context.close();
    if (ok) return state;
  }
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByText("Check your email").waitFor();
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const href = await page.locator('main a[href*="/auth/verify?token="]').first().getAttribute("href");
  await page.goto(href);
  await page.locator("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  const state = await context.storageState();
  writeFileSync(file, JSON.stringify(state));
  await context.close();
  return state;
}

const problems = [];
const rows = [];
for (const walk of WALKS) {
  const paths = walk.paths.filter((p) => p.includes(ONLY));
  if (!paths.length) continue;
  const storageState = walk.email ? await sessionOf(walk.email) : undefined;
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        baseURL: BASE,
        storageState,
        viewport: { width, height: width < 600 ? 740 : 900 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      const csp = [];
      page.on("console", (m) => /Content Security Policy|Refused to/i.test(m.text()) && csp.push(m.text()));
      page.on("pageerror", (e) => csp.push(`page error: ${e.message}`));
      for (const path of paths) {
        csp.length = 0;
        const res = await page.goto(path, { waitUntil: "networkidle" }).catch((e) => e);
        if (res instanceof Error) {
          problems.push(`${walk.who} ${path}: ${res.message.split("\n")[0]}`);
          continue;
        }
        const body = await res.body().catch(() => Buffer.alloc(0));
        const gzip = gzipSync(body).length;
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        const name = `${walk.who}${path.replace(/[/?=&@.]+/g, "_")}-${width}-${scheme}.png`;
        await page.screenshot({ path: join(OUT, name), fullPage: FULL });
        if (wide > 0) problems.push(`${walk.who} ${path} @${width} ${scheme}: scrolls sideways by ${wide}px`);
        for (const c of csp) problems.push(`${walk.who} ${path} @${width} ${scheme}: ${c}`);
        if (scheme === SCHEMES[0] && width === WIDTHS[0])
          rows.push({ who: walk.who, path, status: res.status(), gzip });
      }
      await context.close();
    }
  }
}
await browser.close();

for (const r of rows) console.log(`${String(r.gzip).padStart(6)} B gzip  ${r.status}  ${r.who.padEnd(11)} ${r.path}`);
console.log(`screenshots in ${OUT}`);
if (problems.length) {
  console.log(`\n${problems.length} problems:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("no sideways scrolling, no CSP reports, no page errors");
