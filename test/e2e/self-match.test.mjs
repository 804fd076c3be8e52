// Self-match in the demo: a mentee browses ranked mentors and asks one; Diego accepts Mateo's waiting request.
import assert from "node:assert/strict";
import { browserTest, seeText, signIn } from "./helpers.mjs";

const REQUESTED = "Your request was sent and the mentor was emailed.";

browserTest("a mentor accepts the demo's pending request and the pairing appears", { js: true }, async ({ page }) => {
  await signIn(page, "mentor7@example.org");
  await page.getByRole("link", { name: "Product Leaders Self-Match" }).click();
  await seeText(page, "Requests from mentees");
  const request = page.locator("main li, main article").filter({ hasText: "Mateo García" }).first();
  assert.match(await request.innerText(), /first product reviews/, "the mentee's message is shown");
  await request.getByRole("button", { name: "Accept" }).click();
  await seeText(page, "Request accepted: you are now paired");
  assert.match(await page.locator("main").innerText(), /Your pairings[\s\S]*Mateo García/, "the new pairing is listed");
  assert.doesNotMatch(await page.locator("main").innerText(), /Hola Diego/, "the request is no longer waiting");
});

browserTest("a mentee sees mentors ranked with reasons and sends a request", { js: false }, async ({ page }) => {
  await signIn(page, "mentee11@example.org");
  await page.goto("/programs/demo-self-match/mentors");
  await seeText(page, /shares? \d goals?|no shared goals/);
  const first = page.locator("main details").first();
  await first.locator("summary").click();
  await first.locator("textarea").fill("Hello! I'd love help moving into a leadership role.");
  await first.getByRole("button", { name: "Send request" }).click();
  await seeText(page, REQUESTED);
});
