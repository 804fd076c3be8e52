// A mentee who opens coordinator pages of the demo program gets the "Not available" page (HTTP 403), with JavaScript on
// and off.
import assert from "node:assert/strict";
import { browserTest, seeText, signIn } from "./helpers.mjs";

for (const [js, email] of [
  [true, "mentee3@example.org"],
  [false, "mentee4@example.org"],
]) {
  browserTest(`a mentee (${email}) cannot open the demo program's coordinator pages`, { js }, async ({ page }) => {
    await signIn(page, email);
    // The mentee's home page lists the demo program they belong to.
    await seeText(page, "Autumn 2026 Mentoring Circle");
    assert.equal(
      await page.locator("header nav").getByRole("link", { name: "Programs" }).count(),
      0,
      "no Programs link for a mentee",
    );

    for (const path of ["/programs/demo-autumn-2026", "/programs/demo-autumn-2026/import"]) {
      const res = await page.goto(path);
      assert.equal(res?.status(), 403, `${path} answers 403 to a mentee`);
      await seeText(page, "Not available");
      assert.doesNotMatch(
        await page.locator("main").innerText(),
        /Jonas Weber|mentor1@example\.org/,
        `${path} shows no participant of the program`,
      );
    }
  });
}
