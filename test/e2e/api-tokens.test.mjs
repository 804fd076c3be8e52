// As the coordinator, create an API token on the program's API tab, use it against the JSON API from outside the
// browser, and revoke it: with JavaScript on and off.
import assert from "node:assert/strict";
import { BASE_URL, browserTest, findForm, seeText, setField, signInOnce, submitOf } from "./helpers.mjs";

const PROGRAM = "demo-spring-2026";

for (const js of [true, false]) {
  browserTest("create, use and revoke an API token as the coordinator", { js }, async (session) => {
    const { page } = session;
    await signInOnce(session, "coordinator@example.org");
    await page.goto(`/programs/${PROGRAM}`);
    await page.getByRole("navigation", { name: "Program" }).getByRole("link", { name: "API" }).click();
    await page.waitForURL((u) => u.pathname === `/programs/${PROGRAM}/api-tokens`);

    const name = `Sync ${js ? "on" : "off"}`;
    const form = await findForm(page, "days");
    await setField(form, "name", name);
    await setField(form, "scope", "write");
    await setField(form, "days", "30");
    await submitOf(form).click();
    await seeText(page, `Your new token “${name}”`);
    const secret = (await page.locator("main .notice code").innerText()).trim();
    assert.match(secret, /^trl_[A-Za-z0-9_-]{40,}$/);

    const api = (path, init = {}) =>
      fetch(`${BASE_URL}/api/v1/programs/${PROGRAM}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${secret}`, ...init.headers },
      });
    const listed = await api("/participants?limit=2");
    assert.equal(listed.status, 200);
    assert.equal((await listed.json()).data.length, 2);
    const doc = await fetch(`${BASE_URL}/api/v1/openapi.json`);
    assert.equal(doc.status, 200);
    assert.equal((await doc.json()).openapi, "3.1.0");

    await page.goto(`/programs/${PROGRAM}/api-tokens`);
    assert.equal(await page.locator("main code", { hasText: /^trl_/ }).count(), 0, "the secret is shown only once");
    const row = page.locator("main li", { hasText: name });
    await row.getByRole("button", { name: "Revoke" }).click();
    await seeText(page, "Token revoked.");
    assert.equal((await api("/participants")).status, 401);
  });
}
