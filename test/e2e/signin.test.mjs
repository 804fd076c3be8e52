// Sign in through the dev mailbox and sign out, with JavaScript on and off; visits the home, sign-in and mailbox pages.
import assert from "node:assert/strict";
import { browserTest, seeText, signIn, signOut, waitForFieldError } from "./helpers.mjs";

for (const [js, email] of [
  [true, "mentee1@example.org"],
  [false, "mentee2@example.org"],
]) {
  browserTest(`sign in through the dev mailbox and sign out as ${email}`, { js }, async (s) => {
    const { page } = s;
    await page.goto("/");
    await seeText(page, "Mentoring that fits your life");
    await page.locator("main").getByRole("link", { name: "Sign in with your email" }).click();
    await page.waitForURL((u) => u.pathname === "/signin");

    await signIn(page, email);
    await seeText(page, /^Welcome, /);
    await page.reload();
    assert.ok(
      await page.locator("header nav").getByRole("link", { name: "Profile" }).isVisible(),
      "signed-in navigation after a reload",
    );

    await s.settle();
    const signInPost = s.responses.find((r) => r.method === "POST" && r.path === "/signin");
    if (js)
      assert.equal(
        signInPost?.kind,
        "fragment",
        "with JavaScript, htmx posts the sign-in form and swaps the answer in place",
      );
    else assert.equal(signInPost, undefined, "without JavaScript, the sign-in form POST redirects (303) to a page");

    await signOut(page);
    await seeText(page, "Mentoring that fits your life");
    // The session is gone on the server too: the sign-in page is offered again rather than a redirect home.
    await page.goto("/signin");
    await seeText(page, "No password needed");
  });

  browserTest("a bad address gets a message next to the field with what was typed kept", { js }, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email address").fill("not-an-address");
    // Bypass the browser's own email check so the server's validation answers (as for a browser without one).
    await page.locator("form[action='/signin']").evaluate((f) => f.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    assert.match(await waitForFieldError(page, "email"), /Enter an email address like name@example\.org\./);
    assert.equal(await page.getByLabel("Email address").inputValue(), "not-an-address");
  });
}
