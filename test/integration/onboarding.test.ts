import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, Browser, createPerson, gzipSize } from "../helpers";

const PROGRAM = {
  name: "Harbour Mentoring",
  description: "Twelve weeks for new managers.",
  type: "one-to-one",
  length_weeks: "12",
  cadence_days: "14",
  matching_mode: "coordinator",
};

/** Invites `email` as `role` and accepts the invitation in a new browser; returns it and where it landed. */
async function join(host: Browser, programId: string, email: string, role: string) {
  expect((await host.post(`/programs/${programId}/invitations`, { email, role })).status).toBe(303);
  return acceptInvitation(email);
}

const person = (email: string) =>
  env.DB.prepare(
    "SELECT time_zone, availability, languages, goals, expertise, capacity, updated_at FROM people WHERE email = ?",
  )
    .bind(email)
    .first<{
      time_zone: string;
      availability: string;
      languages: string;
      goals: string;
      expertise: string;
      capacity: number;
      updated_at: number;
    }>();

describe("onboarding after an invitation", () => {
  const host = new Browser();
  let programId = "";

  beforeAll(async () => {
    await createPerson("harbour-host@example.org", { canCreatePrograms: true, name: "Hana Host" });
    await host.signIn("harbour-host@example.org");
    const res = await host.post("/programs/new", PROGRAM);
    programId = res.headers.get("Location")!.split("/").pop()!;
  });

  it("welcomes a mentee by program and coordinator, and walks the mentee's steps only", async () => {
    const { b, location } = await join(host, programId, "newbie@example.org", "mentee");
    expect(location).toBe(`/programs/${programId}/welcome`);
    const welcome = await b.get(location);
    expect(welcome.res.status).toBe(200);
    expect(welcome.html).toContain("Welcome to Harbour Mentoring");
    expect(welcome.html).toContain("Hana Host runs this program.");
    expect(welcome.html).toContain("You joined as a mentee.");
    expect(welcome.html).toContain("You get an email when you have a match.");
    expect(welcome.html).toContain(`href="/programs/${programId}/welcome/time-zone"`);
    expect(welcome.html).not.toContain("/welcome/mentoring");
    expect((await b.get(`/programs/${programId}/welcome/mentoring`)).res.status).toBe(404);
    expect((await b.post(`/programs/${programId}/welcome/mentoring`, { capacity: "3", expertise: "x" })).status).toBe(
      404,
    );

    // Time zone: grouped by region, quick to narrow, under the page budget.
    const tz = await b.get(`/programs/${programId}/welcome/time-zone`);
    expect(tz.html).toContain('<optgroup label="Europe">');
    expect(tz.html).toContain('<option value="Europe/Berlin">Berlin</option>');
    expect(tz.html).toContain("step 1 of 4");
    const size = await gzipSize(tz.html);
    console.log(`GET /programs/:id/welcome/time-zone: ${tz.html.length} bytes raw, ${size} bytes gzip`);
    expect(size).toBeLessThan(14 * 1024);
    const europe = await b.get(`/programs/${programId}/welcome/time-zone?region=Europe`);
    expect(europe.html).toContain("Berlin");
    expect(europe.html).not.toContain("America/New_York");

    const before = await person("newbie@example.org");
    const bad = await b.post(`/programs/${programId}/welcome/time-zone`, { time_zone: "Mars/Olympus" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Choose a time zone from the list.");
    expect(badHtml).toContain('<option value="Mars/Olympus" selected="">Mars/Olympus</option>');
    expect(await person("newbie@example.org")).toEqual(before);

    const saved = await b.post(`/programs/${programId}/welcome/time-zone`, { time_zone: "Asia/Kolkata" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`/programs/${programId}/welcome/availability`);
    expect((await person("newbie@example.org"))!.time_zone).toBe("Asia/Kolkata");

    // Availability on a grid in the person's own zone.
    const grid = await b.get(`/programs/${programId}/welcome/availability`);
    expect(grid.html).toContain("In your own time (Asia/Kolkata)");
    expect(grid.html).toContain('aria-label="Monday 08:00–10:00"');
    const none = await b.post(`/programs/${programId}/welcome/availability`, {});
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Tick at least one time you are usually free.");
    const odd = await b.post(`/programs/${programId}/welcome/availability`, { cell: ["0-480", "9-480"] });
    expect(odd.status).toBe(422);
    expect(await odd.text()).toMatch(/value="0-480" checked=""/);
    expect((await person("newbie@example.org"))!.availability).toBe("[]");
    const grid2 = await b.post(`/programs/${programId}/welcome/availability`, { cell: ["0-480", "0-600", "5-1080"] });
    expect(grid2.headers.get("Location")).toBe(`/programs/${programId}/welcome/languages`);
    expect(JSON.parse((await person("newbie@example.org"))!.availability)).toEqual([
      { day: 0, start: 480, end: 720 },
      { day: 5, start: 1080, end: 1200 },
    ]);

    // Leave, and home says what is left with a link to it.
    const home = await b.get("/");
    expect(home.html).toContain("Finish your profile");
    expect(home.html).toContain(`href="/programs/${programId}/welcome/languages"`);

    const langBad = await b.post(`/programs/${programId}/welcome/languages`, { languages: "  , " });
    expect(langBad.status).toBe(422);
    expect(await langBad.text()).toContain("List at least one language you can meet in.");
    const lang = await b.post(`/programs/${programId}/welcome/languages`, { languages: "Hindi, English" });
    expect(lang.headers.get("Location")).toBe(`/programs/${programId}/welcome/goals`);
    const goals = await b.post(`/programs/${programId}/welcome/goals`, { goals: "Leading a team" });
    expect(goals.headers.get("Location")).toBe(`/programs/${programId}/welcome`);
    const done = await b.get(`/programs/${programId}/welcome`);
    expect(done.html).toContain("Your profile has everything matching needs.");
    const row = (await person("newbie@example.org"))!;
    expect(row.capacity).toBe(0);
    expect(JSON.parse(row.goals)).toEqual(["leading a team"]);
    expect((await b.get("/")).html).not.toContain("Finish your profile");
  });

  it("asks mentors for expertise and capacity, keeping what was typed when it is refused", async () => {
    const { b } = await join(host, programId, "guide@example.org", "mentor");
    const welcome = await b.get(`/programs/${programId}/welcome`);
    expect(welcome.html).toContain("You joined as a mentor.");
    expect(welcome.html).toContain(`/programs/${programId}/welcome/mentoring`);
    expect(welcome.html).not.toContain("/welcome/goals");
    const bad = await b.post(`/programs/${programId}/welcome/mentoring`, { expertise: "Finance", capacity: "0" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("a whole number from 1 to 20");
    expect(html).toContain('value="Finance"');
    expect(html).toContain('name="expertise"');
    expect(html).toMatch(/name="expertise"[^>]*maxlength="1000"/);
    expect((await person("guide@example.org"))!.expertise).toBe("[]");
    const ok = await b.post(`/programs/${programId}/welcome/mentoring`, {
      expertise: "Finance, hiring",
      capacity: "2",
    });
    expect(ok.status).toBe(303);
    // Time zone, availability and languages are still missing: the next missing step after this one is none.
    expect(ok.headers.get("Location")).toBe(`/programs/${programId}/welcome`);
    const row = (await person("guide@example.org"))!;
    expect(row.capacity).toBe(2);
    expect(JSON.parse(row.expertise)).toEqual(["finance", "hiring"]);
  });

  it("is only for the program's mentors and mentees", async () => {
    const visitor = new Browser();
    const res = await visitor.fetch(`/programs/${programId}/welcome`);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toContain("/signin");
    expect((await host.get(`/programs/${programId}/welcome`)).res.status).toBe(403);
    expect((await host.get(`/programs/nope/welcome`)).res.status).toBe(404);
    await createPerson("stranger@example.org");
    const stranger = new Browser();
    await stranger.signIn("stranger@example.org");
    expect((await stranger.get(`/programs/${programId}/welcome/time-zone`)).res.status).toBe(403);
    expect(
      (await stranger.post(`/programs/${programId}/welcome/time-zone`, { time_zone: "Europe/Berlin" })).status,
    ).toBe(403);
  });

  it("refuses a step without a valid CSRF token and stores nothing", async () => {
    const { b } = await join(host, programId, "csrf-newbie@example.org", "mentee");
    const res = await b.post(`/programs/${programId}/welcome/time-zone`, {
      _csrf: "forged",
      time_zone: "Europe/Berlin",
    });
    expect(res.status).toBe(403);
    expect((await person("csrf-newbie@example.org"))!.time_zone).toBe("UTC");
  });
});
