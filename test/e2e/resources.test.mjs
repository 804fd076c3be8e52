// Shared files and surveys as a new user meets them, JavaScript off: a mentee uploads a CV and the mentor comments on
// it, a hostile file is refused with the note kept, a coordinator cannot reach the files; a coordinator sends a survey
// that a member answers from the mail alone, and the answer shows in the results; a program's mid-point survey, sent by
// the journey, is answered from the mail alone and shows on the dashboard and in the export; a library item is edited.
// Screenshots at 320, 390 and 1280 px.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { BASE_URL, browserTest, openSession, seeText, signInOnce } from "./helpers.mjs";

const FILES = "/pairings/demospringactive/files";
const MENTEE = "spring-mentee1@example.org";
const MENTOR = "spring-mentor1@example.org";
const COORDINATOR = "coordinator@example.org";
const PROGRAM = "/programs/demo-spring-2026";

/** Saves the page at three widths into test-results/. */
async function shoot(page, name) {
  mkdirSync("test-results", { recursive: true });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/resources-${name}-${width}.png`, fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(sideways, false, `${name} scrolls sideways at ${width} px`);
  }
}

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

browserTest("a mentee shares a CV, the mentor comments, a coordinator cannot reach it", { js: false }, async (s) => {
  const { page } = s;
  await signInOnce(s, MENTEE);
  await page.goto(FILES);
  await seeText(page, "Up to 10 MB");
  await shoot(page, "files-empty");
  // A web page named like a PDF: refused, the note kept.
  await page.setInputFiles('input[name="file"]', {
    name: "cv.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html><script>alert(1)</script>"),
  });
  await page.getByLabel("Note (optional)").fill("Please look at section 2");
  await page.getByRole("button", { name: "Upload" }).click();
  await seeText(page, "not what its name says");
  assert.equal(await page.getByLabel("Note (optional)").inputValue(), "Please look at section 2");
  await shoot(page, "files-refused");
  await page.setInputFiles('input[name="file"]', { name: "My CV.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await seeText(page, "Comments");
  const fileUrl = new URL(page.url()).pathname;

  const mentor = await openSession({ js: false, testName: "files (mentor)" });
  try {
    await signInOnce(mentor, MENTOR);
    await mentor.page.goto(FILES);
    await seeText(mentor.page, "My CV.pdf");
    await shoot(mentor.page, "files-list");
    await mentor.page.goto(fileUrl);
    await mentor.page.getByLabel("Your comment").fill("Good start; shorten the summary.");
    await mentor.page.getByRole("button", { name: "Add comment" }).click();
    await seeText(mentor.page, "Good start; shorten the summary.");
    await shoot(mentor.page, "file-comments");
    const download = await mentor.page.request.get(`${fileUrl}/download`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()["content-disposition"], /^attachment; /);
    assert.equal(download.headers()["content-security-policy"], "sandbox; default-src 'none'");
  } finally {
    await mentor.close();
  }

  const coordinator = await openSession({ js: false, testName: "files (coordinator)" });
  try {
    await signInOnce(coordinator, COORDINATOR);
    for (const path of [FILES, fileUrl, `${fileUrl}/download`]) {
      const res = await coordinator.page.goto(path);
      assert.equal(res.status(), 403, path);
      assert.doesNotMatch(await coordinator.page.content(), /My CV/);
    }
  } finally {
    await coordinator.close();
  }
});

browserTest("a coordinator sends a survey; a member answers from the mail alone", { js: false }, async (s) => {
  const { page } = s;
  await signInOnce(s, COORDINATOR);
  await page.goto(`${PROGRAM}/surveys`);
  await page.getByLabel("Title").fill("Spring pulse");
  await page.locator("#f-q1text").fill("How useful are your sessions?");
  await page.locator("#f-q2kind").selectOption("single");
  await page.locator("#f-q2text").fill("How often do you meet?");
  await page.locator("#f-q2options").fill("Weekly\nMonthly");
  await page.getByRole("button", { name: "Create survey" }).click();
  await page.getByRole("button", { name: "Send now" }).click();
  // A bulk mailing: the page reloads itself (a Refresh header, no JavaScript) until every member was asked.
  await seeText(page, "members were asked", 60_000);
  await shoot(page, "survey-sent");
  const surveyUrl = new URL(page.url()).pathname;

  // The member has no session here: only the mail.
  const html = await (await fetch(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(MENTEE)}`)).text();
  const link = /href="(http[^"]*\/s\/[^"]+)"/.exec(html)?.[1];
  assert.ok(link, "a survey mail with its link in the dev mailbox");
  const member = await openSession({ js: false, testName: "survey (member)" });
  try {
    await member.page.goto(link.replace(/&amp;/g, "&"));
    await seeText(member.page, "How useful are your sessions?");
    await shoot(member.page, "survey-answer");
    await member.page.getByLabel("4").check();
    await member.page.getByLabel("Weekly").check();
    await member.page.getByRole("button", { name: "Send my answers" }).click();
    await seeText(member.page, "your answers are saved");
  } finally {
    await member.close();
  }
  await page.goto(surveyUrl.replace(/\/send$/, "").split("?")[0]);
  await seeText(page, "1 of");
  await shoot(page, "survey-results");
});

/** Posts a form to a development route with a CSRF cookie of its own, as scripts/journey-restart.mjs does. */
async function postDevForm(path, fields) {
  const first = await fetch(`${BASE_URL}/healthz`);
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("csrf="));
  assert.ok(cookie, "a CSRF cookie from /healthz");
  const res = await fetch(`${BASE_URL}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: cookie.slice("csrf=".length), ...fields }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

/** The survey link of the newest survey mail to `email`, pointed at this server, waiting up to `ms` for it. */
async function surveyMailLink(email, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const html = await (await fetch(`${BASE_URL}/dev/mailbox?to=${encodeURIComponent(email)}`)).text();
    const href = /href="(https?:\/\/[^"]*\/s\/[^"]+)"/.exec(html)?.[1];
    if (href) {
      const u = new URL(href.replace(/&amp;/g, "&"));
      return `${BASE_URL}${u.pathname}${u.search}`;
    }
    if (Date.now() > deadline) assert.fail(`no survey mail for ${email} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

browserTest(
  "a program's mid-point survey is answered from the mail alone and shows on the dashboard and in the export",
  { js: false },
  async (s) => {
    const { page } = s;
    // A pairing of the journey test program whose journey reaches its mid-point review in 75 seconds.
    const made = await postDevForm("/dev/journey-pairing", { midpoint_due_in: "75" });
    assert.equal(made.journeyStarted, true);
    const [mentor, mentee] = made.members;
    const program = "/programs/dev-journey-test";
    await signInOnce(s, "journey-coordinator@example.org");
    await page.goto(`${program}/surveys`);
    await page.getByLabel("Title").fill("Halfway check");
    await page.getByLabel("When it goes out").selectOption("mid-point");
    await page.locator("#f-q1text").fill("How useful are your sessions?");
    await page.locator("#f-q2kind").selectOption("single");
    await page.locator("#f-q2text").fill("What helps most?");
    await page.locator("#f-q2options").fill("Listening\nAdvice");
    await page.getByRole("button", { name: "Create survey" }).click();
    await seeText(page, "0 of 0 answered");

    // The mentee has no session: only the mail the journey sent at the mid-point.
    const link = await surveyMailLink(mentee.email, 150_000);
    const member = await openSession({ js: false, testName: "mid-point survey (mentee)" });
    try {
      await member.page.goto(link);
      await seeText(member.page, "How useful are your sessions?");
      await member.page.getByLabel("5").check();
      await member.page.getByLabel("Listening").check();
      await member.page.getByRole("button", { name: "Send my answers" }).click();
      await seeText(member.page, "your answers are saved");
    } finally {
      await member.close();
    }

    // The mentor has not answered: it waits on their home page, linking to the form in the app.
    const other = await openSession({ js: false, testName: "mid-point survey (mentor)" });
    try {
      await signInOnce(other, mentor.email);
      await other.page.goto("/");
      await seeText(other.page, "Answer the survey “Halfway check”");
      await shoot(other.page, "home-survey-waiting");
      await other.page.getByRole("link", { name: "Answer the survey “Halfway check”" }).click();
      await seeText(other.page, "What helps most?");
    } finally {
      await other.close();
    }

    await page.goto(`${program}/dashboard`);
    await page.locator("nav.subnav").getByRole("link", { name: "Surveys" }).click();
    await seeText(page, "Survey results");
    await seeText(page, "1 of 2 answered");
    assert.equal(await page.locator("svg.chart").count(), 2, "a chart for each counted question");
    // Each chart's table (by stage and by group) sits under "Show as a table".
    assert.ok((await page.getByText("Answers by the pairing's stage and by group").count()) >= 2);
    await shoot(page, "dashboard-surveys");
    const csvHref = await page.getByRole("link", { name: "Download the answers (CSV)" }).getAttribute("href");
    const csv = await (await page.request.get(csvHref)).text();
    assert.match(csv, /^\uFEFF?survey,question,stage,group,answer,count/);
    assert.match(csv, /Halfway check,How useful are your sessions\?,Active,mentee,5,1/);
    assert.match(csv, /Halfway check,What helps most\?,Active,mentee,Listening,1/);
  },
);

browserTest(
  "a coordinator adds a prompt to the library; a pairing finds it for its stage",
  { js: false },
  async (s) => {
    const { page } = s;
    await signInOnce(s, COORDINATOR);
    await page.goto(`${PROGRAM}/library`);
    await page.getByLabel("Title").fill("Talk about a setback");
    await page.locator("#f-body").fill("What did you **learn** from it?");
    await page.getByLabel("Milestone").selectOption("check-in");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await seeText(page, "not opened yet");
    await shoot(page, "library-coordinator");

    const mentee = await openSession({ js: false, testName: "library (mentee)" });
    try {
      await signInOnce(mentee, MENTEE);
      await mentee.page.goto(FILES);
      await seeText(mentee.page, "For this stage");
      await shoot(mentee.page, "library-files-tab");
      await mentee.page.getByRole("link", { name: "Talk about a setback" }).click();
      await seeText(mentee.page, "What did you learn from it?");
    } finally {
      await mentee.close();
    }
    await page.goto(`${PROGRAM}/library`);
    await seeText(page, "opened by 1 pairing");

    // Editing: a bad link is refused with everything typed kept; then saved.
    await page.getByRole("link", { name: "Edit" }).last().click();
    await page.getByLabel("Title").fill("Talk about a setback, and a win");
    await page.locator("#f-url").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Save changes" }).click();
    await seeText(page, "That is not a web link we can open");
    assert.equal(await page.getByLabel("Title").inputValue(), "Talk about a setback, and a win");
    await shoot(page, "library-edit");
    await page.locator("#f-url").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await seeText(page, "Talk about a setback, and a win");
  },
);
