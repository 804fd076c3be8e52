// Edit a profile at /profile with JavaScript on and off: valid changes are saved and shown again after a reload;
// a bad value gets a message next to its field, what was typed is kept, and nothing of that submission is stored.
import assert from "node:assert/strict";
import { browserTest, findForm, formWith, seeText, setField, signIn, submitOf, waitForFieldError } from "./helpers.mjs";

const CASES = [
  {
    js: true,
    email: "mentor1@example.org",
    changes: {
      name: "Jonas Weber-Browser",
      pronouns: "they/them",
      bio: "Engineering manager; edited by the browser test with JavaScript on.",
      goals: "learning to coach, writing",
      expertise: "software engineering, testing, public speaking",
      interests: "cycling, chess",
      languages: "english, german, spanish",
      time_zone: "America/Toronto",
      avail_0: "18:00-20:00",
      avail_2: "",
      avail_5: "09:00-11:30",
      contact_start: "08:30",
      contact_end: "20:00",
      capacity: "3",
      unavailable: true,
    },
  },
  {
    js: false,
    email: "mentor2@example.org",
    changes: {
      name: "Priya Raman-Browser",
      pronouns: "she/they",
      bio: "Leads a data team; edited by the browser test without JavaScript.",
      goals: "public speaking",
      expertise: "data science, statistics",
      interests: "music, hiking",
      languages: "english, tamil",
      time_zone: "Europe/Lisbon",
      avail_0: "07:00-08:00",
      avail_1: "",
      avail_6: "10:00-12:00",
      contact_start: "07:00",
      contact_end: "22:15",
      capacity: "1",
      unavailable: true,
    },
  },
];

const tags = (value) =>
  value
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .sort();
const ranges = (value) => value.replace(/[–—]/g, "-").replace(/\s+/g, "");
const TAG_FIELDS = new Set(["goals", "expertise", "interests", "languages"]);

for (const { js, email, changes } of CASES) {
  browserTest(`edit a profile as ${email}`, { js }, async ({ page }) => {
    await signIn(page, email);
    await page.locator("header nav").getByRole("link", { name: "Profile" }).click();
    await page.waitForURL((u) => u.pathname === "/profile");
    // The week opens as a grid when the saved times fit its blocks; these cases type exact times.
    const exact = page.getByRole("link", { name: "Type exact times instead" });
    if ((await exact.count()) > 0) await exact.click();
    let form = await findForm(page, "avail_0");

    // Preferred channels: flip every box (keeping at least one ticked) so the saved set differs from the seeded one.
    const boxes = await form.locator('input[type=checkbox][name="channels"]').all();
    assert.ok(boxes.length >= 2, "the profile offers several preferred channels");
    const before = [];
    for (const box of boxes) before.push({ value: await box.getAttribute("value"), checked: await box.isChecked() });
    let channels = before.filter((b) => !b.checked).map((b) => b.value);
    if (channels.length === 0) channels = [before[0].value];

    for (const [name, value] of Object.entries(changes)) await setField(form, name, value);
    await setField(form, "channels", channels);
    await submitOf(form).click();
    await seeText(page, "Profile saved.");

    // A fresh load shows every saved value.
    await page.goto("/profile");
    form = await findForm(page, "avail_0");
    for (const [name, value] of Object.entries(changes)) {
      const field = form.locator(`[name="${name}"]`).first();
      if (typeof value === "boolean") assert.equal(await field.isChecked(), value, `${name} persisted`);
      else if (TAG_FIELDS.has(name)) assert.deepEqual(tags(await field.inputValue()), tags(value), `${name} persisted`);
      else if (name.startsWith("avail_"))
        assert.equal(ranges(await field.inputValue()), ranges(value), `${name} persisted`);
      else assert.equal((await field.inputValue()).trim(), value, `${name} persisted`);
    }
    const saved = [];
    for (const box of await form.locator('input[type=checkbox][name="channels"]').all())
      if (await box.isChecked()) saved.push(await box.getAttribute("value"));
    assert.deepEqual(saved.sort(), [...channels].sort(), "preferred channels persisted");

    // A bad availability range: a message next to the field, everything typed kept, nothing stored.
    await setField(form, "avail_0", "25:00-26:00");
    await setField(form, "pronouns", "xe/xem");
    await form.evaluate((f) => f.setAttribute("novalidate", "")); // let the server's validation answer
    await submitOf(form).click();
    const availError = await waitForFieldError(page, "avail_0");
    assert.ok(availError.length > 5, `a readable message for avail_0: ${availError}`);
    form = formWith(page, "avail_0");
    assert.equal(
      await form.locator('[name="avail_0"]').inputValue(),
      "25:00-26:00",
      "the bad value is kept in the field",
    );
    assert.equal(await form.locator('[name="pronouns"]').inputValue(), "xe/xem", "other typed values are kept");
    assert.equal(await page.getByText("Profile saved.").count(), 0, "no success message for a rejected form");

    // An empty name: a message next to the name field.
    await setField(form, "avail_0", changes.avail_0);
    await setField(form, "name", "");
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await submitOf(form).click();
    await waitForFieldError(page, "name");
    form = formWith(page, "avail_0");
    assert.equal(await form.locator('[name="name"]').inputValue(), "");
    assert.equal(await form.locator('[name="pronouns"]').inputValue(), "xe/xem", "typed values are kept");

    await page.goto("/profile");
    form = await findForm(page, "avail_0");
    assert.equal(
      await form.locator('[name="name"]').inputValue(),
      changes.name,
      "rejected submissions stored nothing (name)",
    );
    assert.equal(
      await form.locator('[name="pronouns"]').inputValue(),
      changes.pronouns,
      "rejected submissions stored nothing (pronouns)",
    );
    assert.equal(
      ranges(await form.locator('[name="avail_0"]').inputValue()),
      ranges(changes.avail_0),
      "rejected submissions stored nothing (avail_0)",
    );

    // The new name shows on the home page too.
    await page.goto("/");
    await seeText(page, `Welcome, ${changes.name}`);
  });
}
