// Shared files and surveys as a new user meets them, JavaScript off: a mentee uploads a CV and the mentor comments on
// it, a hostile file is refused with the note kept, a coordinator cannot reach the files; a coordinator sends a survey
// that a member answers from the mail alone, and the answer shows in the results. Screenshots at 320, 390 and 1280 px.
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
  await seeText(page, "Sent to");
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
  await page.goto(surveyUrl.replace(/\/send$/, ""));
  await seeText(page, "1 of");
  await shoot(page, "survey-results");
});

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
  },
);
