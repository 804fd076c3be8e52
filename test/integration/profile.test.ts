import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser, createPerson, gzipSize } from "../helpers";

const HX = { "HX-Request": "true" };

const form = (changes: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  name: "Ada Lovelace",
  pronouns: "she/her",
  bio: "Analyst of engines.",
  goals: "Public Speaking, leadership",
  expertise: "mathematics, poetry of science",
  interests: "chess, Chess",
  languages: "English, French",
  time_zone: "Asia/Kolkata",
  avail_0: "19:00-21:00",
  avail_1: "",
  avail_2: "9-12, 14:00–16:00",
  avail_3: "",
  avail_4: "",
  avail_5: "",
  avail_6: "",
  contact_start: "08:30",
  contact_end: "21:00",
  channels: ["video", "in person"],
  capacity: "3",
  unavailable: "1",
  ...changes,
});

interface Row {
  name: string;
  pronouns: string;
  bio: string;
  time_zone: string;
  goals: string;
  expertise: string;
  interests: string;
  languages: string;
  channels: string;
  availability: string;
  contact_start: number;
  contact_end: number;
  capacity: number;
  unavailable: number;
  updated_at: number;
}

const row = (id: string) => env.DB.prepare("SELECT * FROM people WHERE id = ?").bind(id).first<Row>();

/** The `.field` block that holds the control named `name` (Field blocks contain no nested divs). */
function fieldBlock(html: string, name: string): string {
  const re = new RegExp(`<div class="field[^"]*">(?:(?!<div)[\\s\\S])*?name="${name}"(?:(?!<div)[\\s\\S])*?</div>`);
  const m = re.exec(html);
  if (!m) throw new Error(`no field block for ${name}`);
  return m[0];
}

/** A signed-in person who mentors in a program of their own (the profile asks capacity only of mentors). */
async function signedIn(email: string, name = "", role = "mentor"): Promise<{ b: Browser; id: string }> {
  const id = await createPerson(email, { name });
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?1, 'P', 'one-to-one', 12, 14, 'coordinator', ?2)",
    ).bind(`prog-${id}`, id),
    env.DB.prepare("INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, ?3, 'active')").bind(
      `prog-${id}`,
      id,
      role,
    ),
  ]);
  const b = new Browser();
  await b.signIn(email);
  return { b, id };
}

describe("capacity on the profile", () => {
  it("is asked only of people who mentor somewhere; a mentee's save keeps what they had", async () => {
    const { b, id } = await signedIn("only-mentee@example.org", "Mo", "mentee");
    await env.DB.prepare("UPDATE people SET capacity = 2 WHERE id = ?").bind(id).run();
    const { html } = await b.get("/profile");
    expect(html).not.toContain('name="capacity"');
    expect(html).not.toContain("Mentee capacity");
    const res = await b.post("/profile", form({ capacity: "99" }));
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT capacity FROM people WHERE id = ?").bind(id).first<{ capacity: number }>();
    expect(row!.capacity).toBe(2);
    const mentor = await signedIn("also-mentor@example.org", "Al");
    expect((await mentor.b.get("/profile")).html).toContain('name="capacity"');
  });
});

describe("profile page", () => {
  it("sends visitors to sign in, for the page and for a save", async () => {
    const b = new Browser();
    const page = await b.get("/profile");
    expect(page.res.status).toBe(303);
    expect(page.res.headers.get("Location")).toBe("/signin?next=%2Fprofile");
    const save = await b.post("/profile", form());
    expect(save.status).toBe(303);
    expect(save.headers.get("Location")).toMatch(/^\/signin/);
  });

  it("shows the form filled from the person's row, every control labelled", async () => {
    const { b } = await signedIn("grace@example.org", "Grace Hopper");
    await env.DB.prepare(
      'UPDATE people SET time_zone = \'Europe/Berlin\', channels = \'["chat"]\', availability = \'[{"day":2,"start":540,"end":720}]\' WHERE email = ?',
    )
      .bind("grace@example.org")
      .run();
    const { res, html } = await b.get("/profile");
    expect(res.status).toBe(200);
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain('name="name" value="Grace Hopper"');
    expect(html).toContain('name="time_zone" value="Europe/Berlin" list="time-zones"');
    expect(html).toMatch(/name="avail_2" value="09:00-12:00"/);
    expect(html).toMatch(/value="chat" checked/);
    expect(html).not.toMatch(/value="video" checked/);
    expect(html).toContain('name="contact_start" value="09:00"');
    expect(html).toContain('type="time"');

    const profileForm = html.slice(
      html.indexOf('action="/profile"'),
      html.indexOf("</form>", html.indexOf('action="/profile"')),
    );
    for (const name of [
      "name",
      "pronouns",
      "bio",
      "goals",
      "expertise",
      "interests",
      "languages",
      "time_zone",
      "contact_start",
      "contact_end",
      "capacity",
      "unavailable",
    ]) {
      expect(profileForm, name).toContain(`name="${name}"`);
    }
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].forEach((day, i) => {
      expect(profileForm).toContain(`<label for="f-avail_${i}">${day}</label>`);
    });
    expect(profileForm).toContain('<label for="f-time_zone">');
    expect(profileForm).toContain("Unavailable for new matches");
    expect(profileForm).toMatch(/<fieldset[^>]*>\s*<legend>Preferred channels<\/legend>/);
    // Every visible control has an id with a <label for> or sits inside a <label>.
    const controls = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)]
      .map(([tag]) => tag)
      .filter((tag) => !tag.includes('type="hidden"'));
    expect(controls.length).toBeGreaterThan(20);
    for (const tag of controls) {
      const id = /\bid="([^"]+)"/.exec(tag)?.[1];
      const labelled = id ? html.includes(`<label for="${id}"`) : false;
      const wrapped = html.includes(`<label class="check">${tag}`);
      expect(labelled || wrapped, tag).toBe(true);
    }
  });

  it("stays well under 14 KB gzip, with one list of time zones for both zone fields", async () => {
    const { b } = await signedIn("size@example.org", "Size Check");
    const { html } = await b.get("/profile");
    const size = await gzipSize(html);
    console.log(`GET /profile: ${html.length} bytes raw, ${size} bytes gzip`);
    // Half the budget at most: the week grid's 70 labelled checkboxes included.
    expect(size).toBeLessThan(7 * 1024);
    expect(html.match(/<datalist/g)).toHaveLength(1);
    // No time-zone select in the page itself: the one select is the short language field (8 options).
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main.match(/<select/g)).toHaveLength(1);
    expect(main).toContain('<select id="f-language" name="language"');
  });

  it("saves a valid profile with one redirect, and shows it again", async () => {
    const { b, id } = await signedIn("ada@example.org", "Ada");
    const res = await b.post("/profile", form());
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/profile?saved=1");

    const saved = (await row(id))!;
    expect(saved).toMatchObject({
      name: "Ada Lovelace",
      pronouns: "she/her",
      bio: "Analyst of engines.",
      time_zone: "Asia/Kolkata",
      contact_start: 510,
      contact_end: 1260,
      capacity: 3,
      unavailable: 1,
    });
    expect(JSON.parse(saved.goals)).toEqual(["public speaking", "leadership"]);
    expect(JSON.parse(saved.interests)).toEqual(["chess"]);
    expect(JSON.parse(saved.languages)).toEqual(["english", "french"]);
    expect(JSON.parse(saved.channels)).toEqual(["video", "in person"]);
    expect(JSON.parse(saved.availability)).toEqual([
      { day: 0, start: 1140, end: 1260 },
      { day: 2, start: 540, end: 720 },
      { day: 2, start: 840, end: 960 },
    ]);

    const { res: page, html } = await b.get("/profile?saved=1");
    expect(page.status).toBe(200);
    expect(html).toContain("Profile saved.");
    expect(html).toContain('name="name" value="Ada Lovelace"');
    expect(html).toContain('name="avail_2" value="09:00-12:00, 14:00-16:00"');
    expect(html).toContain('name="goals" value="public speaking, leadership"');
    expect(html).toContain('value="in person" checked');
    expect(html).toMatch(/name="unavailable" value="1" checked/);
    expect(html).toContain('name="time_zone" value="Asia/Kolkata" list="time-zones"');
    // Kolkata has no DST, so its Monday 19:00-21:00 is always 13:30-15:30 UTC.
    expect(html).toContain("Your availability in UTC");
    expect(html).toContain("<td>Monday 19:00–21:00</td><td>Monday 13:30–15:30</td>");
    expect((await b.get("/profile")).html).not.toContain("Profile saved.");

    // Clearing the switch and the channels stores false and [].
    const again = await b.post("/profile", form({ channels: [], unavailable: [] }));
    expect(again.status).toBe(303);
    expect((await row(id))!).toMatchObject({ unavailable: 0, channels: "[]" });
  });

  it("shows the saved availability in a zone of the person's choice", async () => {
    const { b } = await signedIn("view@example.org");
    await b.post("/profile", form({ name: "Viewer" }));
    const tokyo = await b.get("/profile?view=Asia%2FTokyo");
    expect(tokyo.html).toContain("Your availability in Asia/Tokyo");
    expect(tokyo.html).toContain("<td>Monday 22:30 – Tuesday 00:30</td>");
    expect(tokyo.html).toContain('name="view" value="Asia/Tokyo" list="time-zones"');
    const bogus = await b.get("/profile?view=Nowhere%2FAtAll");
    expect(bogus.res.status).toBe(200);
    expect(bogus.html).toContain("Your availability in UTC");
  });

  it("answers bad input with 422, each message next to its field, everything typed kept, nothing stored", async () => {
    const { b, id } = await signedIn("bad@example.org", "Bad Input");
    expect((await b.post("/profile", form({ name: "Stored Name" }))).status).toBe(303);
    const before = await row(id);

    const res = await b.post(
      "/profile",
      form({
        name: "",
        pronouns: 'xe/xem "quoted"',
        avail_0: "25:00-26:00",
        avail_3: "10-12, 11-13",
        time_zone: "Mars/Olympus_Mons",
        contact_start: "18:00",
        contact_end: "09:00",
        capacity: "99",
        interests: "ok, <bad>",
        channels: ["video", "fax"],
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Please fix the 8 fields marked below.");

    const expectError = (name: string, message: string) => {
      const block = fieldBlock(html, name);
      expect(block, name).toContain('class="field invalid"');
      expect(block, name).toContain(`<p id="e-${name}" class="error" role="alert">${message}`);
      expect(block, name).toMatch(new RegExp(`aria-describedby="[^"]*e-${name}`));
      expect(block, name).toContain('aria-invalid="true"');
    };
    expectError("name", "Enter your name.");
    expectError("avail_0", "25:00 is not a time of day");
    expectError("avail_3", "Ranges overlap: 10:00-12:00 and 11:00-13:00.");
    expectError("time_zone", "Choose a time zone from the list.");
    expectError("contact_end", "Contact hours must end after they start.");
    expectError("capacity", "Enter a whole number from 0 to 20.");
    expectError("interests", "&quot;&lt;bad&gt;&quot; can only use letters");
    expect(html).toContain('<p id="e-channels" class="error" role="alert">Choose channels from the list.</p>');

    // What was typed is kept, escaped.
    expect(html).toContain('name="name" value=""');
    expect(html).toContain('name="pronouns" value="xe/xem &quot;quoted&quot;"');
    expect(html).toContain('name="avail_0" value="25:00-26:00"');
    expect(html).toContain('name="avail_2" value="9-12, 14:00–16:00"');
    expect(html).toContain('name="interests" value="ok, &lt;bad&gt;"');
    expect(html).toContain('name="capacity" value="99"');
    expect(html).toContain('name="contact_start" value="18:00"');
    expect(html).toContain('name="time_zone" value="Mars/Olympus_Mons" list="time-zones"');
    expect(html).toMatch(/value="video" checked/);
    expect(html).toMatch(/name="unavailable" value="1" checked/);
    expect(html).not.toContain("Profile saved.");

    expect(await row(id)).toEqual(before);
  });

  it("answers htmx requests with the fragment only: the form, its errors, and the saved notice", async () => {
    const { b, id } = await signedIn("hx@example.org", "Htmx");
    const page = await b.get("/profile", HX);
    expect(page.res.status).toBe(200);
    expect(page.html).not.toContain("<html");
    expect(page.html).toMatch(/^<section id="profile">/);
    expect(page.html).toContain('hx-post="/profile"');
    expect(page.html).toContain('hx-target="#profile"');
    expect(page.html).toContain('hx-swap="outerHTML"');
    expect(page.html).toContain('method="post" action="/profile"');

    const bad = await b.post("/profile", form({ avail_5: "noon-ish" }), HX);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).not.toContain("<html");
    expect(badHtml).toContain("Times must look like 09:00-12:00");
    expect(badHtml).toContain('name="avail_5" value="noon-ish"');
    expect((await row(id))!.name).toBe("Htmx");

    const ok = await b.post("/profile", form({ name: "Htmx Saved" }), HX);
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).not.toContain("<html");
    expect(okHtml).toContain("Profile saved.");
    expect(okHtml).toContain('name="name" value="Htmx Saved"');
    expect((await row(id))!.name).toBe("Htmx Saved");
  });

  it("rejects a save without a valid CSRF token and stores nothing", async () => {
    const { b, id } = await signedIn("csrf@example.org", "Csrf Person");
    const before = await row(id);
    const missing = await b.fetch("/profile", {
      method: "POST",
      body: new URLSearchParams({ name: "Hijacked", time_zone: "UTC", contact_start: "09:00", contact_end: "17:00" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(missing.status).toBe(403);
    const wrong = await b.post("/profile", form({ name: "Hijacked", _csrf: "x".repeat(43) }));
    expect(wrong.status).toBe(403);
    expect(await row(id)).toEqual(before);
  });

  it("never answers hostile input with a 5xx", async () => {
    const { b, id } = await signedIn("hostile@example.org", "Hostile");
    const attempts: [Record<string, string | string[]>, number][] = [
      [{}, 422],
      [form({ name: ["One", "Two"], time_zone: ["UTC", "Europe/Berlin"] }), 303],
      [form({ avail_0: "9-10,".repeat(5000) }), 422],
      [form({ bio: "x".repeat(200_000) }), 422],
      [form({ capacity: "1".repeat(400) }), 422],
      [form({ unavailable: ["1", "0"] }), 303],
      [form({ contact_start: "\u0000" }), 422],
    ];
    for (const [fields, status] of attempts) {
      const res = await b.post("/profile", fields);
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
    }
    const json = await b.fetch("/profile", {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": b.csrf },
    });
    expect(json.status).toBe(422);
    const multipart = new FormData();
    for (const [k, v] of Object.entries(form({ name: "Multi Part" })))
      for (const item of [v].flat()) multipart.append(k, item);
    multipart.append("_csrf", b.csrf);
    multipart.append("avail_1", new File(["x"], "x.txt"));
    const mp = await b.fetch("/profile", { method: "POST", body: multipart });
    expect(mp.status).toBe(303);
    expect((await row(id))!.name).toBe("Multi Part");
    const fileOnly = new FormData();
    fileOnly.append("_csrf", b.csrf);
    fileOnly.append("name", new File(["Eve"], "name.txt"));
    const fileRes = await b.fetch("/profile", { method: "POST", body: fileOnly });
    expect(fileRes.status).toBe(422);
    expect((await row(id))!.name).toBe("Multi Part");
  });
});

describe("the weekly availability grid on the profile", () => {
  const gridForm = (cells: string[]) => {
    const { avail_0, avail_1, avail_2, avail_3, avail_4, avail_5, avail_6, ...rest } = form();
    return { ...rest, availability_mode: "grid", cell: cells };
  };

  it("edits the week on the grid when the saved times fit its blocks, and saves ticked blocks as times", async () => {
    const { b, id } = await signedIn("grid@example.org", "Grid");
    // No times yet: the grid, with the link to type exact times.
    let page = await b.get("/profile");
    expect(page.html).toContain('name="cell"');
    expect(page.html).not.toContain('name="avail_0"');
    expect(page.html).toContain('href="/profile?times=exact#h-avail"');

    // Monday 08:00–12:00 (two blocks joined) and Wednesday 18:00–20:00.
    const res = await b.post("/profile", gridForm(["0-480", "0-600", "2-1080"]));
    expect(res.status).toBe(303);
    expect(JSON.parse((await row(id))!.availability)).toEqual([
      { day: 0, start: 480, end: 720 },
      { day: 2, start: 1080, end: 1200 },
    ]);
    page = await b.get("/profile");
    expect(page.html).toMatch(/value="0-480"[^>]*checked/);
    expect(page.html).toMatch(/value="2-1080"[^>]*checked/);
    expect(page.html).not.toMatch(/value="1-480"[^>]*checked/);

    // Asked for exact times: the same week as text per day.
    page = await b.get("/profile?times=exact");
    expect(fieldBlock(page.html, "avail_0")).toContain('value="08:00-12:00"');
  });

  it("refuses a grid with nothing ticked or with cells that are not on it, keeping what was typed", async () => {
    const { b, id } = await signedIn("grid-bad@example.org", "Grid Bad");
    const before = (await row(id))!.availability;
    for (const cells of [[], ["9-480"], ["0-481"]]) {
      const res = await b.post("/profile", { ...gridForm(cells), pronouns: "ze/zir" });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('id="e-cell"');
      expect(html).toContain('value="ze/zir"');
      expect((await row(id))!.availability).toBe(before);
    }
  });

  it("opens with exact times when the saved ones would round on the grid", async () => {
    const { b } = await signedIn("grid-exact@example.org", "Grid Exact");
    expect((await b.post("/profile", form({ avail_0: "09:30-11:00" }))).status).toBe(303);
    const page = await b.get("/profile");
    expect(page.html).toContain('name="avail_0"');
    expect(page.html).toContain("rounded");
    expect((await b.get("/profile?times=grid")).html).toContain('name="cell"');
  });
});
