// The coordinator dashboard in a real browser on the demo's spring program: the overview's stage charts (inline SVG
// with titles) and their "Show as a table" twins hold the same numbers; the headline figures lead to the check-ins,
// meetings and goals, and at-risk pages; the at-risk list sorts in place with JavaScript on (no page load, URL pushed)
// and by plain links with JavaScript off (aria-sort set); all four pages pass axe WCAG 2 AA and fit 14 KB gzip; members
// get 403.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { HTML_BUDGET_BYTES, assertAccessible, browserTest, seeText, signIn, signInOnce } from "./helpers.mjs";

const PROGRAM = "/programs/demo-spring-2026";
const DASHBOARD = `${PROGRAM}/dashboard`;
const CHECKINS = `${DASHBOARD}/checkins`;
const ENGAGEMENT = `${DASHBOARD}/engagement`;
const AT_RISK = `${PROGRAM}/at-risk`;
/**
 * A coordinator of the spring program. The co-coordinator, because sign-in mails are limited to 3 per address per 15
 * minutes and other files (accessibility, programs twice) sign coordinator@ in three times.
 */
const COORDINATOR = "cocoordinator@example.org";
/** The stages in the order the stage sort uses (the schema's order); the funnel's main path is the first five. */
const STAGES = ["Proposed", "Onboarding", "Active", "Wrapping up", "Closed", "Paused", "Ended early"];
const MAIN_PATH = STAGES.slice(0, 5);
/** The at-risk list's default view, which its links leave out of the URL. */
const DEFAULT_SORT = { sort: "since", dir: "asc" };
/** How long to wait for what the demo's journeys do in the background after the seed (open check-ins, risk flags). */
const BACKGROUND_MS = 90_000;

/** Signs the coordinator in once for the whole file, then hands the session's cookies to later contexts. */
const signInCoordinator = (session) => signInOnce(session, COORDINATOR);

/** Whether the URL shows the at-risk list sorted by `sort` in `dir` order (the default view has no query). */
function showsSort(u, sort, dir) {
  if (u.pathname !== AT_RISK) return false;
  if (sort === DEFAULT_SORT.sort && dir === DEFAULT_SORT.dir)
    return !u.searchParams.has("sort") && !u.searchParams.has("dir");
  return u.searchParams.get("sort") === sort && u.searchParams.get("dir") === dir;
}

/** Calls `check` until it returns a truthy value, reloading `path` between tries; fails with `what` after `timeout`. */
async function pollPage(page, path, check, what, timeout = BACKGROUND_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.goto(path);
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const main = await page
        .locator("main")
        .innerText()
        .catch(() => "(no main)");
      assert.fail(`waited ${timeout / 1000} s for ${what} on ${path}; the page says:\n${main.slice(0, 1500)}`);
    }
    await page.waitForTimeout(1000); // poll interval between reloads, not a wait for something in particular
  }
}

/** The chart whose title is `title`: an inline SVG with role img, named by its title (and description). */
async function chartTitled(page, title) {
  const chart = page.locator('main svg[role="img"]').filter({ has: page.locator("title", { hasText: title }) });
  assert.equal(await chart.count(), 1, `one chart titled "${title}"`);
  const titleEl = chart.locator(":scope > title");
  assert.equal((await titleEl.textContent()).trim(), title);
  const titleId = await titleEl.getAttribute("id");
  assert.ok(titleId, "the title has an id");
  assert.ok(
    (await chart.getAttribute("aria-labelledby")).split(/\s+/).includes(titleId),
    "the chart is labelled by its title",
  );
  await page.getByRole("img", { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).waitFor();
  return chart;
}

/** The bars of a bar chart as [label, text printed after the bar]. */
async function barsOf(chart) {
  return chart
    .locator(":scope > g")
    .evaluateAll((groups) => groups.map((g) => [...g.querySelectorAll("text")].map((t) => t.textContent.trim())));
}

/**
 * Opens the "Show as a table" folded right after a chart and returns its rows as arrays of cell texts (row header
 * first).
 */
async function openTableAfter(chart) {
  const details = chart.locator("xpath=following-sibling::details[1]");
  const summary = details.locator("summary");
  assert.equal((await summary.innerText()).trim(), "Show as a table");
  const table = details.locator("table");
  assert.equal(await table.isVisible(), false, "the table is folded away until asked for");
  await summary.click();
  await table.waitFor({ state: "visible" });
  return table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** Checks that a count chart's bars say "n (share)" exactly as its table's rows [label, n, share] do. */
async function assertChartMatchesTable(page, title) {
  const chart = await chartTitled(page, title);
  const bars = await barsOf(chart);
  const rows = await openTableAfter(chart);
  assert.ok(rows.length > 0, `"${title}" has rows`);
  assert.deepEqual(
    bars,
    rows.map(([label, n, share]) => [label, `${n} (${share})`]),
    `"${title}": the chart's labels and the table's numbers agree`,
  );
  return rows;
}

/** The at-risk list as shown: total, the range shown and each row's stage and times (null for "none yet"). */
async function atRiskList(page) {
  const status = (await page.locator("#at-risk-list [role=status]").innerText()).trim();
  if (status === "No pairing is at risk.") return { total: 0, rows: [] };
  const m = status.match(/^(\d+) pairings? at risk; showing (\d+)–(\d+)\.$/);
  assert.ok(m, `the list says how many pairings are at risk: ${status}`);
  const rows = await page.locator("#at-risk-list tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")];
      const at = (td) => td.querySelector("time")?.getAttribute("datetime") ?? null;
      return {
        members: cells[0].textContent.trim(),
        stage: cells[1].textContent.trim(),
        since: at(cells[3]),
        activity: at(cells[4]),
      };
    }),
  );
  assert.equal(rows.length, Number(m[3]) - Number(m[2]) + 1, "the list shows as many rows as it says");
  return { total: Number(m[1]), first: Number(m[2]), rows };
}

/** Waits until the at-risk page lists at least one pairing (the paused demo pairing is flagged). */
async function waitForAtRisk(page) {
  await pollPage(
    page,
    AT_RISK,
    async () => (await atRiskList(page)).rows.length > 0,
    "a flagged pairing in the at-risk list",
  );
  return atRiskList(page);
}

/** The sort key of a row for a column: stage position, or time (no activity yet sorts first, as SQL's NULL does). */
const keyOf = {
  stage: (r) => {
    const i = STAGES.indexOf(r.stage);
    assert.ok(i >= 0, `a known stage: ${r.stage}`);
    return i;
  },
  since: (r) => Date.parse(r.since),
  activity: (r) => (r.activity === null ? -Infinity : Date.parse(r.activity)),
};

/** Checks that the rows on screen are in `dir` order of `sort` (ties allowed: they are broken by an id not shown). */
function assertOrdered(rows, sort, dir) {
  const keys = rows.map(keyOf[sort]);
  for (const k of keys) assert.ok(!Number.isNaN(k), `every row has a ${sort} to sort by`);
  const sorted = [...keys].sort((a, b) => (dir === "asc" ? a - b : b - a));
  assert.deepEqual(
    keys,
    sorted,
    `rows sorted by ${sort} ${dir}: ${rows.map((r) => `${r.stage} / ${r.since} / ${r.activity}`).join("; ")}`,
  );
}

/** The header cell of a column of the at-risk list and the sort link in it. */
const headerOf = (page, label) =>
  page.locator("#at-risk-list thead th", { has: page.getByRole("link", { name: new RegExp(`^${label}`) }) });
const sortLinkOf = (page, label) => headerOf(page, label).getByRole("link");

/** Checks that only `label`'s column says it is sorted, and which way. */
async function assertAriaSort(page, label, dir) {
  const sorted = await page
    .locator("#at-risk-list thead th[aria-sort]")
    .evaluateAll((ths) =>
      ths.map((th) => [th.textContent.replace(/[▲▼].*$/, "").trim(), th.getAttribute("aria-sort")]),
    );
  assert.deepEqual(
    sorted,
    [[label, dir === "asc" ? "ascending" : "descending"]],
    "aria-sort is on the sorted column only",
  );
}

browserTest(
  "the overview's charts match their tables, and its figures lead to the check-ins, engagement and at-risk pages",
  { js: true },
  async (s) => {
    const { page } = s;
    await signInCoordinator(s);
    await page.goto(DASHBOARD);
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

    const reached = await assertChartMatchesTable(page, "Pairings that reached each stage");
    const now = await assertChartMatchesTable(page, "Pairings in each stage now");
    assert.deepEqual(
      reached.map((r) => r[0]),
      MAIN_PATH,
      "the funnel follows the main path",
    );
    assert.deepEqual(
      now.map((r) => r[0]),
      STAGES,
      "all seven stages, in order",
    );
    for (const rows of [reached, now]) {
      for (const [stage, n, share] of rows) {
        assert.match(n, /^\d+$/, `${stage} has a count`);
        assert.match(share, /^\d+%$/, `${stage} has a share`);
      }
    }
    const total = Number(
      (
        await page.locator("dl.figures > div", { hasText: "Pairings" }).first().locator("dd").first().innerText()
      ).trim(),
    );
    assert.equal(
      now.reduce((sum, r) => sum + Number(r[1]), 0),
      total,
      "every pairing is in exactly one stage now",
    );
    assert.ok(total >= 7, `the demo has a pairing at every stage (${total} pairings)`);
    for (const [stage, n] of now) assert.ok(Number(n) >= 1, `the demo has a pairing that is ${stage} now`);
    assert.equal(Number(reached[0][1]), total, "every pairing was proposed");
    for (const [i, [stage, n]] of reached.entries()) {
      assert.ok(Number(n) >= Number(now[i][1]), `at least as many pairings reached ${stage} as are there now`);
      if (i > 0)
        assert.ok(Number(n) <= Number(reached[i - 1][1]), `no more pairings reached ${stage} than the stage before`);
    }

    const figure = (label) => page.locator("dl.figures dt").getByRole("link", { name: label, exact: true });
    assert.equal(await figure("Check-in response rate").getAttribute("href"), CHECKINS);
    assert.equal(await figure("Meetings held").getAttribute("href"), ENGAGEMENT);
    assert.equal(await figure("Mean goal progress").getAttribute("href"), ENGAGEMENT);
    assert.equal(await figure("At risk").getAttribute("href"), AT_RISK);

    // Check-ins: the rate chart and the answers chart; the journeys open the current check-ins shortly after the seed.
    await figure("Check-in response rate").click();
    await page.waitForURL((u) => u.pathname === CHECKINS);
    await page.getByRole("heading", { level: 1, name: "Check-ins" }).waitFor();
    const rateRows = await pollPage(
      page,
      CHECKINS,
      async () => {
        const rows = await page
          .locator("details.chart-table table", {
            has: page.locator("caption", { hasText: "Check-in response rate by month" }),
          })
          .locator("tbody tr")
          .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
        return rows.some((r) => Number(r[2]) > 0) ? rows : null;
      },
      "a check-in still open",
    );
    const rateChart = await chartTitled(page, "Check-in response rate by month");
    const rateBars = await barsOf(rateChart);
    assert.deepEqual(
      await openTableAfter(rateChart),
      rateRows,
      "the table did not change between reading it and opening it",
    );
    assert.deepEqual(
      rateBars,
      rateRows.map(([month, , open, answered, expected, rate]) => {
        assert.equal(
          rate,
          Number(expected) > 0 ? `${Math.round((Number(answered) / Number(expected)) * 100)}%` : "—",
          `${month}: rate = answers ÷ possible answers`,
        );
        return [month, `${rate}${Number(open) > 0 ? " (open)" : ""}`];
      }),
      "the rate chart's labels and its table agree",
    );
    assert.ok(
      rateRows.some((r) => Number(r[3]) > 0),
      "the demo has answered check-ins",
    );

    const answersChart = await chartTitled(page, "Share of each check-in answer by month");
    const answerRows = await openTableAfter(answersChart);
    assert.equal(answerRows.length, rateRows.length, "a row of answers for every month");
    for (const [i, [month, ...cells]] of answerRows.entries()) {
      const answered = Number(cells.at(-1));
      const parts = cells.slice(0, -1).map((c) => c.match(/^(\d+) \((\d+%|—)\)$/));
      assert.ok(parts.every(Boolean), `${month}: every answer shows its count and share: ${cells.join(" | ")}`);
      assert.equal(
        parts.reduce((sum, p) => sum + Number(p[1]), 0),
        answered,
        `${month}: the answers add up`,
      );
      assert.equal(answered, Number(rateRows[i][3]), `${month}: as many answers as the rate table says`);
      if (answered > 0)
        assert.equal(
          parts.reduce((sum, p) => sum + parseInt(p[2], 10), 0),
          100,
          `${month}: the shares add up to 100%`,
        );
      assert.ok(month.startsWith(rateRows[i][0]), `${month}: same month order in both tables`);
      assert.equal(
        month.includes("still open"),
        Number(rateRows[i][2]) > 0,
        `${month}: says whether check-ins are still open`,
      );
    }
    const stackText = await answersChart
      .locator(":scope > g")
      .evaluateAll((gs) => gs.map((g) => g.querySelector("text:last-of-type")?.textContent.trim()));
    for (const row of answerRows) {
      const answered = Number(row.at(-1));
      assert.ok(
        stackText.includes(answered ? `${answered} answers` : "no answers"),
        `${row[0]}: the chart names its number of answers`,
      );
    }

    // Meetings and goals: three count charts, each matching its table.
    await page.goto(DASHBOARD);
    await figure("Meetings held").click();
    await page.waitForURL((u) => u.pathname === ENGAGEMENT);
    await page.getByRole("heading", { level: 1, name: "Meetings and goals" }).waitFor();
    for (const title of ["Pairings by meetings held", "Pairings by mean goal progress", "Goals by status"])
      await assertChartMatchesTable(page, title);

    // At risk: the list with at least the paused pairing.
    await page.goto(DASHBOARD);
    await figure("At risk").click();
    await page.waitForURL((u) => u.pathname === AT_RISK);
    await page.getByRole("heading", { level: 1, name: "At risk" }).waitFor();
    const list = await waitForAtRisk(page);
    assert.ok(
      list.rows.some((r) => r.stage === "Paused"),
      "the paused demo pairing is flagged",
    );
  },
);

browserTest(
  "the at-risk list sorts in place, without loading the page, and pushes the sorted URL",
  { js: true },
  async (s) => {
    const { page } = s;
    await signInCoordinator(s);
    const initial = await waitForAtRisk(page);
    console.log(
      `  at-risk list: ${initial.rows.map((r) => `${r.stage} (flagged ${r.since}, last activity ${r.activity ?? "none"})`).join("; ")}`,
    );
    await assertAriaSort(page, "Flagged since", "asc");
    assertOrdered(initial.rows, "since", "asc");

    let documents = 0;
    page.on("request", (req) => {
      if (req.resourceType() === "document" && req.frame() === page.mainFrame()) documents++;
    });
    await page.evaluate(() => (window.__sameDocument = "kept"));

    /** Follows a column's sort link and waits for the htmx fragment, the pushed URL and the new header. */
    const sortBy = async (label, sort, dir) => {
      const [res] = await Promise.all([
        page.waitForResponse(
          (r) => new URL(r.url()).pathname === AT_RISK && new URL(r.url()).searchParams.get("sort") === sort,
        ),
        sortLinkOf(page, label).click(),
      ]);
      assert.equal(res.request().headers()["hx-request"], "true", "htmx fetched the list");
      assert.doesNotMatch(await res.text(), /<html|<h1/i, "the answer is the list alone");
      await page.waitForURL((u) => showsSort(u, sort, dir));
      await headerOf(page, label)
        .and(page.locator(`[aria-sort="${dir === "asc" ? "ascending" : "descending"}"]`))
        .waitFor();
      await assertAriaSort(page, label, dir);
      const list = await atRiskList(page);
      assert.ok(list.total >= 1 && list.rows.length >= 1, "the sorted list still has its rows");
      assertOrdered(list.rows, sort, dir);
      return list;
    };

    const byStage = await sortBy("Stage", "stage", "asc");
    // The journeys may flag another pairing meanwhile, so the sorted list holds at least the pairings seen before.
    for (const r of initial.rows)
      assert.ok(
        byStage.rows.some((x) => x.members === r.members),
        `${r.members} is still listed after sorting`,
      );
    await sortBy("Stage", "stage", "desc");
    await sortBy("Last activity", "activity", "asc");
    await sortBy("Last activity", "activity", "desc");

    assert.equal(
      await page.evaluate(() => window.__sameDocument),
      "kept",
      "the page was not reloaded (the marker on window survived)",
    );
    assert.equal(documents, 0, "no document was loaded while sorting");
    await page.getByRole("heading", { level: 1, name: "At risk" }).waitFor();
    assert.equal(await page.locator("#at-risk-list").count(), 1, "the list was swapped, not nested");
  },
);

browserTest(
  "with JavaScript off the sort links load the sorted page, with aria-sort, and paging is consistent",
  { js: false },
  async (s) => {
    const { page } = s;
    await signInCoordinator(s);
    const initial = await waitForAtRisk(page);
    await assertAriaSort(page, "Flagged since", "asc");
    assertOrdered(initial.rows, "since", "asc");

    let documents = 0;
    page.on("request", (req) => {
      if (req.resourceType() === "document" && req.frame() === page.mainFrame()) documents++;
    });
    const sortBy = async (label, sort, dir) => {
      const before = documents;
      await sortLinkOf(page, label).click();
      await page.waitForURL((u) => showsSort(u, sort, dir));
      await page.getByRole("heading", { level: 1, name: "At risk" }).waitFor();
      assert.equal(documents, before + 1, "following the link loaded a whole page");
      await assertAriaSort(page, label, dir);
      const list = await atRiskList(page);
      assert.ok(list.rows.length >= 1, "the sorted page lists the pairings");
      assertOrdered(list.rows, sort, dir);
      return list;
    };
    await sortBy("Stage", "stage", "asc");
    await sortBy("Stage", "stage", "desc");
    const byActivity = await sortBy("Last activity", "activity", "asc");
    await sortBy("Flagged since", "since", "asc");

    const pager = page.locator("#at-risk-list nav.pager");
    if (byActivity.total <= 25) {
      assert.equal(byActivity.rows.length, byActivity.total, "one page holds the whole list");
      assert.equal(await pager.count(), 0, "no paging for a single page");
    } else {
      assert.equal(byActivity.rows.length, 25, "a full first page");
      await seeText(page, `Page 1 of ${Math.ceil(byActivity.total / 25)}`);
      await pager.getByRole("link", { name: "Next →" }).click();
      await page.waitForURL((u) => u.searchParams.get("page") === "2");
      const second = await atRiskList(page);
      assert.equal(second.first, 26, "the second page starts at the 26th pairing");
      await pager.getByRole("link", { name: "← Previous" }).click();
      await page.waitForURL((u) => !u.searchParams.has("page"));
    }
  },
);

browserTest("the dashboard pages pass axe WCAG 2 AA checks, tables folded and open", { js: true }, async (s) => {
  const { page } = s;
  await signInCoordinator(s);
  for (const path of [DASHBOARD, CHECKINS, ENGAGEMENT]) {
    await page.goto(path);
    await page.locator('main svg[role="img"]').first().waitFor();
    await assertAccessible(page, path);
    const opened = await page
      .locator("main details.chart-table")
      .evaluateAll((ds) => ds.map((d) => (d.open = true)).length);
    assert.ok(opened >= 2, `${path} has tables under its charts`);
    await page.locator("main details.chart-table table").first().waitFor({ state: "visible" });
    await assertAccessible(page, `${path} with its tables open`);
  }
  await waitForAtRisk(page);
  await assertAccessible(page, AT_RISK);
  await sortLinkOf(page, "Stage").click();
  await page.waitForURL((u) => u.searchParams.get("sort") === "stage");
  await headerOf(page, "Stage").and(page.locator("[aria-sort]")).waitFor();
  await assertAccessible(page, `${AT_RISK} sorted by stage (swapped by htmx)`);
});

browserTest("each dashboard page is under 14 KB gzip", { js: true }, async (s) => {
  const { context } = s;
  await signInCoordinator(s);
  for (const path of [DASHBOARD, CHECKINS, ENGAGEMENT, AT_RISK, `${AT_RISK}?sort=stage&dir=desc`]) {
    const res = await context.request.get(path, { maxRedirects: 0 });
    assert.equal(res.status(), 200, `${path} answers 200 to the signed-in coordinator`);
    assert.match(res.headers()["content-type"] ?? "", /^text\/html/);
    const body = await res.body();
    const gzip = gzipSync(body).length;
    console.log(`  ${path}: ${gzip} bytes gzip (${body.length} raw), budget ${HTML_BUDGET_BYTES}`);
    assert.ok(gzip < HTML_BUDGET_BYTES, `${path} is ${gzip} bytes gzip, over the ${HTML_BUDGET_BYTES}-byte budget`);
  }
});

browserTest("a member of the program gets 403 on the dashboard pages", { js: true }, async ({ page }) => {
  await signIn(page, "spring-mentee1@example.org");
  for (const path of [DASHBOARD, CHECKINS, ENGAGEMENT, AT_RISK]) {
    const res = await page.goto(path);
    assert.equal(res.status(), 403, `${path} is forbidden to a member`);
    assert.equal(
      await page.locator('main svg[role="img"], #at-risk-list').count(),
      0,
      `${path} shows nothing of the dashboard`,
    );
  }
});
