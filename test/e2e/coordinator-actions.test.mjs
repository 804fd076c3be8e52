// Coordinator actions in a real browser on the demo's paused spring pairing: resume and pause it again through the
// confirmation with JavaScript off (with a round trip through "Go back and edit"), send a message into it with
// JavaScript on (the confirmation swaps in place), see it in a member's chat, and see both in the audit log.
import assert from "node:assert/strict";
import { browserTest, openSession, seeText, signIn, signInOnce } from "./helpers.mjs";

const PROGRAM = "/programs/demo-spring-2026";
const SUMMARY = `${PROGRAM}/pairings/demospringpaused`;
/**
 * Sign-in mail is limited to 3 per address per 15 minutes: coordinator@ is used 3 times by other files, so the
 * co-coordinator acts here.
 */
const COORDINATOR = "cocoordinator@example.org";

browserTest(
  "a coordinator resumes, then pauses a pairing with a reason through the confirmation",
  { js: false },
  async (session) => {
    const { page } = session;
    await signInOnce(session, COORDINATOR);
    await page.goto(SUMMARY);
    await page.getByRole("button", { name: "Resume…" }).click();
    await seeText(page, "Resume the pairing of");
    await page.getByRole("button", { name: "Confirm" }).click();
    await seeText(page, "The pairing is running again.");

    await page.getByLabel("Why pause the pairing?").fill("Mentor travelling for two weeks");
    await page.getByRole("button", { name: "Pause…" }).click();
    await seeText(page, "Pause the pairing of Mei Lin and Hiroshi Sato?");
    await seeText(page, "Mentor travelling for two weeks");
    await page.getByRole("button", { name: "Go back and edit" }).click();
    assert.equal(
      await page.getByLabel("Why pause the pairing?").inputValue(),
      "Mentor travelling for two weeks",
      "the reason is kept",
    );
    await page.getByRole("button", { name: "Pause…" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await seeText(page, "The pairing is paused.");
    assert.equal(new URL(page.url()).pathname, SUMMARY);
    assert.match(await page.locator("main").innerText(), /Stage: Paused — Mentor travelling for two weeks/);
  },
);

browserTest(
  "a coordinator's message reaches the pairing's chat, and the audit log shows both actions",
  { js: true },
  async (session) => {
    const { page } = session;
    await signInOnce(session, COORDINATOR);
    await page.goto(SUMMARY);
    const text = `Hello both, checking in from the program team (${Date.now()})`;
    await page.getByLabel("Message", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Send a message into this pairing…" }).click();
    await seeText(page, "Send a message into the pairing of Mei Lin and Hiroshi Sato?");
    assert.equal(new URL(page.url()).pathname, SUMMARY, "the confirmation swapped in place");
    await page.getByRole("button", { name: "Confirm" }).click();
    await seeText(page, "Your message is in the pairing's chat.");

    const member = await openSession({ js: true, testName: "member reads the coordinator's message" });
    try {
      await signIn(member.page, "spring-mentee5@example.org");
      await member.page.goto("/pairings/demospringpaused/chat");
      await seeText(member.page, text);
      await seeText(member.page, "Program coordinator");
    } finally {
      await member.close();
    }

    await page.goto(`${PROGRAM}/audit`);
    await seeText(page, "Sent a message into a pairing");
    await seeText(page, "Paused a pairing");
    await seeText(page, "Reason: Mentor travelling for two weeks");
  },
);
