// As the coordinator, create a program and import participants from a CSV file, with JavaScript on and off.
import assert from "node:assert/strict";
import {
  browserTest,
  findForm,
  formWith,
  seeText,
  setField,
  signInOnce,
  submitOf,
  waitForFieldError,
  WAIT_MS,
} from "./helpers.mjs";

const CASES = [
  {
    js: true,
    program: {
      name: "Browser Test Circle (JS on)",
      description: "A group program created by the browser test with JavaScript on.",
      type: "group",
      length_weeks: "12",
      cadence_days: "7",
      matching_mode: "self",
    },
    prefix: "e2e-on",
  },
  {
    js: false,
    program: {
      name: "Browser Test Circle (JS off)",
      description: "A peer program created by the browser test without JavaScript.",
      type: "peer",
      length_weeks: "20",
      cadence_days: "21",
      matching_mode: "coordinator",
    },
    prefix: "e2e-off",
  },
];

for (const { js, program, prefix } of CASES) {
  browserTest("create a program and import participants from CSV as the coordinator", { js }, async (session) => {
    const { page } = session;
    // Once for both cases: sign-in mail is limited to 3 per address per 15 minutes, and other files sign this
    // coordinator in too.
    await signInOnce(session, "coordinator@example.org");
    await page.goto("/");
    await page.locator("header nav").getByRole("link", { name: "Programs" }).click();
    await page.waitForURL((u) => u.pathname === "/programs");
    await page.goto("/programs/new");
    let form = await findForm(page, "cadence_days");

    // A missing name: a message next to the field, the rest of what was typed kept.
    for (const [name, value] of Object.entries(program)) await setField(form, name, name === "name" ? "" : value);
    await form.evaluate((f) => f.setAttribute("novalidate", "")); // let the server's validation answer
    await submitOf(form).click();
    await waitForFieldError(page, "name");
    form = formWith(page, "cadence_days");
    assert.equal(
      await form.locator('[name="description"]').inputValue(),
      program.description,
      "the description typed is kept",
    );
    assert.equal(
      await form.locator('[name="length_weeks"]').inputValue(),
      program.length_weeks,
      "the length typed is kept",
    );
    assert.ok(
      ["/programs/new", "/programs"].includes(new URL(page.url()).pathname),
      `still on the form, not on a created program: ${page.url()}`,
    );

    // Now a valid program: Trellis shows its page at /programs/<id>.
    await setField(form, "name", program.name);
    await submitOf(form).click();
    await page.waitForURL((u) => /^\/programs\/[^/]+$/.test(u.pathname) && u.pathname !== "/programs/new", {
      timeout: WAIT_MS,
    });
    const programPath = new URL(page.url()).pathname;
    await seeText(page, program.name);
    await seeText(page, program.description);
    assert.match(
      await page.locator("main").innerText(),
      new RegExp(program.type, "i"),
      "the program page shows its type",
    );

    // Import participants from a CSV file with one bad row (line 5, counting the header as line 1).
    await page.goto(`${programPath}/import`);
    form = await findForm(page, "csv");
    const csv = [
      "email,name,role,time_zone",
      `${prefix}-ada@example.org,Ada ${prefix},mentor,Europe/Berlin`,
      `${prefix}-ben@example.org,Ben ${prefix},mentee,America/New_York`,
      `${prefix}-chen@example.org,Chen ${prefix},mentee,Asia/Tokyo`,
      `not-an-email,Bad Row ${prefix},mentee,Europe/Berlin`,
      "",
    ].join("\n");
    await form
      .locator('input[type=file][name="csv"]')
      .setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await submitOf(form).click();
    await seeText(page, /Line 5:/);
    const result = await page.locator("main").innerText();
    assert.match(result, /Line 5:.*\S/, "the bad row's problem is explained");
    assert.match(result, /\bImported 3 participants\b/i, `the result shows 3 imported: ${result.slice(0, 600)}`);
    assert.match(result, /\b1 line could not be imported\b/i, "the result counts the one bad line");

    // The program page lists the imported participants, and not the bad row.
    await page.goto(programPath);
    const main = page.locator("main");
    for (const who of [`Ada ${prefix}`, `Ben ${prefix}`, `Chen ${prefix}`]) {
      await seeText(page, who);
    }
    assert.doesNotMatch(await main.innerText(), new RegExp(`Bad Row ${prefix}`), "the bad row was not imported");
  });
}
