import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatShortInstant } from "../../worker/domain/format-time";
import { asMember, roomOf } from "../../worker/pairings/access";
import { Browser, createPerson, gzipSize, signedIn } from "../helpers";

const PROGRAM = "pw-prog";
const OPEN = "pw-open";
const CLOSED = "pw-closed";
const ids: Record<string, string> = {};

async function person(email: string, name: string, timeZone = "UTC"): Promise<string> {
  const id = await createPerson(email, { name });
  await env.DB.prepare("UPDATE people SET time_zone = ? WHERE id = ?").bind(timeZone, id).run();
  return id;
}

async function join(personId: string, role: string): Promise<void> {
  await env.DB.prepare("INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, ?, 'active')")
    .bind(PROGRAM, personId, role)
    .run();
}

async function pair(id: string, mentorId: string, menteeId: string): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO pairings (id, program_id, source, created_at) VALUES (?, ?, 'matching', ?)").bind(
      id,
      PROGRAM,
      Date.now(),
    ),
    env.DB.prepare(
      "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, ?, 'mentor', ?), (?, ?, 'mentee', ?)",
    ).bind(id, mentorId, PROGRAM, id, menteeId, PROGRAM),
  ]);
}

const MENTOR = "mina@pw.test";
const MENTEE = "theo@pw.test";
const OUTSIDER = "olga@pw.test";
const COORDINATOR = "cora@pw.test";

/** The id at the end of a redirect like /pairings/x/notes/<id> or …/goals#goal-<id>. */
const idFrom = (location: string | null, pattern: RegExp) => pattern.exec(location ?? "")?.[1] ?? "";

/** Every text value in every D1 table, to prove the room's private content never reaches D1. */
async function allOfD1(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    parts.push(name, JSON.stringify(rows.results));
  }
  return parts.join("\n");
}

/** Decodes the few entities hono/jsx writes, to look for typed text in a page. */
const text = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

beforeAll(async () => {
  ids.coordinator = await person(COORDINATOR, "Cora");
  ids.mentor = await person(MENTOR, "Mina", "Europe/Berlin");
  ids.mentee = await person(MENTEE, "Theo", "Asia/Tokyo");
  ids.outsider = await person(OUTSIDER, "Olga");
  await env.DB.prepare(
    "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?, 'Workspace program', 'one-to-one', 12, 14, 'coordinator', ?)",
  )
    .bind(PROGRAM, ids.coordinator)
    .run();
  await join(ids.coordinator, "coordinator");
  await join(ids.mentor, "mentor");
  await join(ids.mentee, "mentee");
  await join(ids.outsider, "mentee");
  await pair(OPEN, ids.mentor, ids.mentee);
  await pair(CLOSED, ids.mentor, ids.mentee);
});

describe("goals", () => {
  let goalId = "";

  it("starts empty, with an add form that works without JavaScript", async () => {
    const b = await signedIn(MENTEE);
    const { res, html } = await b.get(`/pairings/${OPEN}/goals`);
    expect(res.status).toBe(200);
    expect(html).toContain("No goals yet");
    expect(html).toContain(`<form method="post" action="/pairings/${OPEN}/goals"`);
    for (const name of ["title", "why", "targetDate", "progress", "status"])
      expect(html).toMatch(new RegExp(`<label for="f-${name}"`));
    expect(html).toContain('aria-current="page"');
  });

  it("adds a goal and lists it with its progress bar, date and status", async () => {
    const b = await signedIn(MENTEE);
    const res = await b.post(`/pairings/${OPEN}/goals`, {
      title: "Give a talk at a meetup",
      why: "Confidence <speaking>",
      targetDate: "2027-03-31",
      progress: "40",
      status: "open",
    });
    expect(res.status).toBe(303);
    goalId = idFrom(res.headers.get("Location"), /#goal-([0-9a-f]+)$/);
    expect(goalId).not.toBe("");
    const { html } = await (await signedIn(MENTOR)).get(`/pairings/${OPEN}/goals`);
    expect(html).toContain("Give a talk at a meetup");
    expect(html).toContain("Confidence &lt;speaking&gt;");
    expect(html).toMatch(/<progress max="100" value="40"[^>]*>40%<\/progress>/);
    expect(html).toContain("<span>40%</span>");
    expect(html).toContain('<time datetime="2027-03-31">31 Mar 2027</time>');
    expect(html).toContain("In progress");
    expect(html).toContain("Europe/Berlin");
  });

  it("keeps what was typed, with a message per field, when the goal is invalid (422)", async () => {
    const b = await signedIn(MENTEE);
    const res = await b.post(`/pairings/${OPEN}/goals`, {
      title: "",
      why: "kept why",
      targetDate: "2027-02-29",
      progress: "101",
      status: "open",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Give the goal a short title.");
    expect(html).toContain("Enter a date like 2027-03-31");
    expect(html).toContain("Progress is a whole number from 0 to 100.");
    expect(html).toContain('value="2027-02-29"');
    expect(html).toContain('value="101"');
    expect(html).toContain("kept why");
    expect(html).toContain('aria-invalid="true"');
    for (const progress of ["-1", "5.5"]) {
      const r = await b.post(`/pairings/${OPEN}/goals`, { title: "Another", progress });
      expect(r.status, progress).toBe(422);
      expect(await r.text()).toContain(`value="${progress}"`);
    }
  });

  it("edits a goal on its own page", async () => {
    const b = await signedIn(MENTOR);
    const page = await b.get(`/pairings/${OPEN}/goals/${goalId}`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('value="Give a talk at a meetup"');
    expect(page.html).toContain(`action="/pairings/${OPEN}/goals/${goalId}/delete"`);
    const res = await b.post(`/pairings/${OPEN}/goals/${goalId}`, {
      title: "Give two talks",
      why: "",
      targetDate: "",
      progress: "70",
      status: "achieved",
    });
    expect(res.status).toBe(303);
    const { html } = await b.get(`/pairings/${OPEN}/goals`);
    expect(html).toContain("Give two talks");
    expect(html).toContain("70%");
    expect(html).toContain("Achieved");
    expect(html).not.toContain("Target:");
  });

  it("re-renders the edit page with the typed values on a bad edit", async () => {
    const b = await signedIn(MENTOR);
    const res = await b.post(`/pairings/${OPEN}/goals/${goalId}`, {
      title: "Edited but bad",
      progress: "abc",
      status: "achieved",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Edited but bad"');
    expect(html).toContain('value="abc"');
    expect(html).toContain("Progress is a whole number");
  });

  it("updates just the progress from the list, keeping the rest of the goal", async () => {
    const b = await signedIn(MENTEE);
    const res = await b.post(`/pairings/${OPEN}/goals/${goalId}`, { part: "progress", progress: "55" });
    expect(res.status).toBe(303);
    const { html } = await b.get(`/pairings/${OPEN}/goals`);
    expect(html).toMatch(/<progress max="100" value="55"/);
    expect(html).toContain("Give two talks");
    expect(html).toContain("Achieved");
    const bad = await b.post(`/pairings/${OPEN}/goals/${goalId}`, { part: "progress", progress: "5.5" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="5.5"');
    expect(badHtml).toContain("Progress is a whole number");
    expect(badHtml).toContain(`id="e-progress-${goalId}"`);
  });

  it("answers htmx posts with HX-Location instead of a redirect", async () => {
    const b = await signedIn(MENTEE);
    const res = await b.post(
      `/pairings/${OPEN}/goals/${goalId}`,
      { part: "progress", progress: "60" },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("HX-Location")).toBe(`/pairings/${OPEN}/goals#goal-${goalId}`);
  });

  it("projects goal titles and progress to D1, and only those", async () => {
    const b = await signedIn(MENTEE);
    const second = await b.post(`/pairings/${OPEN}/goals`, {
      title: "Read two books",
      why: "secret-goal-why-7731",
      progress: "20",
    });
    expect(second.status).toBe(303);
    await roomOf(env, OPEN).flushProjection();
    const rows = await env.DB.prepare(
      "SELECT title, progress, status FROM pairing_goals WHERE pairing_id = ? ORDER BY title",
    )
      .bind(OPEN)
      .all();
    expect(rows.results).toEqual([
      { title: "Give two talks", progress: 60, status: "achieved" },
      { title: "Read two books", progress: 20, status: "open" },
    ]);
    const head = await env.DB.prepare("SELECT goal_count, goal_progress FROM pairings WHERE id = ?").bind(OPEN).first();
    expect(head).toEqual({ goal_count: 2, goal_progress: 40 });
    expect(await allOfD1()).not.toContain("secret-goal-why-7731");
  });

  it("deletes a goal, and D1 follows", async () => {
    const b = await signedIn(MENTOR);
    const res = await b.post(`/pairings/${OPEN}/goals/${goalId}/delete`, {});
    expect(res.status).toBe(303);
    const { html } = await b.get(`/pairings/${OPEN}/goals`);
    expect(html).not.toContain("Give two talks");
    expect((await b.get(`/pairings/${OPEN}/goals/${goalId}`)).res.status).toBe(404);
    expect((await b.post(`/pairings/${OPEN}/goals/${goalId}/delete`, {})).status).toBe(404);
    expect((await b.post(`/pairings/${OPEN}/goals/${goalId}`, { title: "Gone", progress: "1" })).status).toBe(404);
    await roomOf(env, OPEN).flushProjection();
    const rows = await env.DB.prepare("SELECT title FROM pairing_goals WHERE pairing_id = ?").bind(OPEN).all();
    expect(rows.results).toEqual([{ title: "Read two books" }]);
    expect(
      await env.DB.prepare("SELECT goal_count, goal_progress FROM pairings WHERE id = ?").bind(OPEN).first(),
    ).toEqual({ goal_count: 1, goal_progress: 20 });
  });
});

describe("notes", () => {
  let noteId = "";

  it("creates a note from an agenda template when the text is left empty", async () => {
    const b = await signedIn(MENTEE);
    const list = await b.get(`/pairings/${OPEN}/notes`);
    expect(list.res.status).toBe(200);
    for (const label of ["Blank note", "First meeting", "Regular meeting", "Mid-point review", "Wrap-up"])
      expect(list.html).toContain(label);
    const res = await b.post(`/pairings/${OPEN}/notes`, { template: "first-meeting", title: "", body: "" });
    expect(res.status).toBe(303);
    noteId = idFrom(res.headers.get("Location"), new RegExp(`^/pairings/${OPEN}/notes/([0-9a-f]+)$`));
    expect(noteId).not.toBe("");
    const { res: pageRes, html } = await b.get(`/pairings/${OPEN}/notes/${noteId}`);
    expect(pageRes.status).toBe(200);
    expect(html).toContain('value="First meeting"');
    expect(html).toContain("## Getting to know each other");
    expect(html).toContain('<input type="hidden" name="version" value="1"/>');
    expect(html).toContain(`action="/pairings/${OPEN}/notes/${noteId}/delete"`);
  });

  it("renders a note's markdown safely: headings, lists, emphasis and links, but no raw HTML or script links", async () => {
    const b = await signedIn(MENTEE);
    const body =
      '## Plan\n- **first** step\n- see [the guide](https://example.org/guide)\n\n> keep _calm_\n\n<script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3))';
    const res = await b.post(`/pairings/${OPEN}/notes`, { template: "blank", title: "Markdown", body });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.get("Location"), /\/notes\/([0-9a-f]+)$/);
    const { html } = await b.get(`/pairings/${OPEN}/notes/${id}`);
    const rendered = html.slice(
      html.indexOf('<div class="md note-body">'),
      html.indexOf("</div>", html.indexOf('class="md note-body"')),
    );
    expect(rendered).toContain("<h4>Plan</h4>");
    expect(rendered).toContain("<ul><li><strong>first</strong> step</li>");
    expect(rendered).toContain('<a href="https://example.org/guide" rel="noopener noreferrer nofollow">the guide</a>');
    expect(rendered).toContain("<blockquote><p>keep <em>calm</em></p></blockquote>");
    expect(rendered).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=");
    expect(rendered).not.toMatch(/<script|<img|href="javascript/i);
    expect(rendered).toContain("click");
  });

  it("keeps a typed body over the template, and refuses a note with no title (422, text kept)", async () => {
    const b = await signedIn(MENTEE);
    const own = await b.post(`/pairings/${OPEN}/notes`, { template: "check-in", title: "", body: "my own agenda" });
    expect(own.status).toBe(303);
    const ownId = idFrom(own.headers.get("Location"), /\/notes\/([0-9a-f]+)$/);
    const { html } = await b.get(`/pairings/${OPEN}/notes/${ownId}`);
    expect(html).toContain('value="Meeting notes"');
    expect(html).toContain("my own agenda");
    expect(html).not.toContain("## Since last time");
    const bad = await b.post(`/pairings/${OPEN}/notes`, { template: "blank", title: "", body: "body without a title" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Give the note a title.");
    expect(badHtml).toContain("body without a title");
    expect(badHtml).toMatch(/<option value="blank" selected/);
  });

  it("saves an edit, then shows the other member's stale save as a conflict keeping their text (409)", async () => {
    const mentor = await signedIn(MENTOR);
    const mentee = await signedIn(MENTEE);
    const saved = await mentor.post(`/pairings/${OPEN}/notes/${noteId}`, {
      version: "1",
      title: "First meeting",
      body: "Mina's current text",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`/pairings/${OPEN}/notes/${noteId}?saved=1`);
    expect((await mentor.get(`/pairings/${OPEN}/notes/${noteId}?saved=1`)).html).toContain("Saved.");

    const stale = await mentee.post(`/pairings/${OPEN}/notes/${noteId}`, {
      version: "1",
      title: "Theo's title",
      body: "Theo's own words & more",
    });
    expect(stale.status).toBe(409);
    const html = text(await stale.text());
    expect(html).toContain("Mina changed this note");
    expect(html).toContain("Mina's current text");
    expect(html).toMatch(/<textarea[^>]*name="body"[^>]*>\n?Theo's own words & more<\/textarea>/);
    expect(html).toContain('value="Theo\'s title"');
    expect(html).toContain('name="version" value="2"');

    const again = await mentee.post(`/pairings/${OPEN}/notes/${noteId}`, {
      version: "2",
      title: "Merged",
      body: "Both texts",
    });
    expect(again.status).toBe(303);
    const note = await roomOf(env, OPEN).note(asMember(ids.mentee!), noteId);
    expect(note.ok && note.value).toMatchObject({
      title: "Merged",
      body: "Both texts",
      version: 3,
      updatedBy: ids.mentee,
    });
  });

  it("treats a missing or unreadable version as out of date, never as a save", async () => {
    const b = await signedIn(MENTEE);
    for (const version of [undefined, "", "abc", "-1", "99999999999"]) {
      const fields: Record<string, string> = { title: "Overwrite?", body: "should not be saved" };
      if (version !== undefined) fields.version = version;
      const res = await b.post(`/pairings/${OPEN}/notes/${noteId}`, fields);
      expect(res.status, String(version)).toBe(409);
    }
    const note = await roomOf(env, OPEN).note(asMember(ids.mentee!), noteId);
    expect(note.ok && note.value.title).toBe("Merged");
  });

  it("re-renders the note with its text kept on a bad edit (422)", async () => {
    const b = await signedIn(MENTOR);
    const res = await b.post(`/pairings/${OPEN}/notes/${noteId}`, {
      version: "3",
      title: "",
      body: "half-written thought",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Give the note a title.");
    expect(html).toContain("half-written thought");
    expect(html).toContain('name="version" value="3"');
  });

  it("lists notes newest change first, with who changed them and when, in the viewer's time zone", async () => {
    const b = await signedIn(MENTEE);
    const { html } = await b.get(`/pairings/${OPEN}/notes`);
    const merged = html.indexOf(">Merged</a>");
    const meeting = html.indexOf(">Meeting notes</a>");
    expect(merged).toBeGreaterThan(-1);
    expect(meeting).toBeGreaterThan(merged);
    const note = await roomOf(env, OPEN).note(asMember(ids.mentee!), noteId);
    if (!note.ok) throw new Error(note.error);
    expect(html).toContain(
      `Last changed by <bdi>Theo</bdi>, ${formatShortInstant(note.value.updatedAt, "Asia/Tokyo")}`,
    );
    expect(html).toContain("Times are in Asia/Tokyo.");
    const page = await b.get(`/pairings/${OPEN}/notes/${noteId}`);
    expect(page.html).toContain("(Asia/Tokyo)");
  });

  it("deletes a note after the confirmation button", async () => {
    const b = await signedIn(MENTOR);
    const page = await b.get(`/pairings/${OPEN}/notes/${noteId}`);
    expect(page.html).toContain("<summary>Delete this note</summary>");
    const res = await b.post(`/pairings/${OPEN}/notes/${noteId}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/pairings/${OPEN}/notes`);
    expect((await b.get(`/pairings/${OPEN}/notes/${noteId}`)).res.status).toBe(404);
    expect((await b.post(`/pairings/${OPEN}/notes/${noteId}`, { version: "3", title: "x", body: "y" })).status).toBe(
      404,
    );
    expect((await b.post(`/pairings/${OPEN}/notes/${noteId}/delete`, {})).status).toBe(404);
    expect((await b.get(`/pairings/${OPEN}/notes`)).html).not.toContain(">Merged</a>");
  });
});

describe("links", () => {
  let resourceId = "";

  it("shares a link and lists it with its host, note, who and when, opening safely", async () => {
    const b = await signedIn(MENTEE);
    const res = await b.post(`/pairings/${OPEN}/resources`, {
      url: "https://example.org/guide?x=1&y=2",
      title: "Speaking guide",
      note: "secret-link-note-4410",
    });
    expect(res.status).toBe(303);
    const { html } = await (await signedIn(MENTOR)).get(`/pairings/${OPEN}/resources`);
    expect(html).toContain(
      '<a href="https://example.org/guide?x=1&amp;y=2" rel="noopener noreferrer nofollow">Speaking guide</a>',
    );
    expect(html).not.toMatch(/<a [^>]*target=/);
    expect(html).toContain("(example.org)");
    expect(html).toContain("secret-link-note-4410");
    expect(html).toContain("Added by <bdi>Theo</bdi>");
    const list = await roomOf(env, OPEN).resources(asMember(ids.mentor!));
    if (!list.ok) throw new Error(list.error);
    resourceId = list.value[0]!.id;
    expect(html).toContain(formatShortInstant(list.value[0]!.addedAt, "Europe/Berlin"));
    expect(html).toContain(`action="/pairings/${OPEN}/resources/${resourceId}/delete"`);
  });

  it("refuses links that are not plain web links, keeping what was typed (422)", async () => {
    const b = await signedIn(MENTEE);
    const cases: [string, RegExp][] = [
      ["javascript:alert(1)", /Only web links/],
      ["ftp://x.org", /Only web links/],
      ["not a link", /not a link we can open|full address/],
      ["https://user:secret@example.org/x", /user name or password/],
    ];
    for (const [url, message] of cases) {
      const res = await b.post(`/pairings/${OPEN}/resources`, { url, title: `Title for ${url}`, note: "kept note" });
      expect(res.status, url).toBe(422);
      const html = text(await res.text());
      expect(html, url).toMatch(message);
      expect(html, url).toContain(`value="${url}"`);
      expect(html, url).toContain(`value="Title for ${url}"`);
      expect(html, url).toContain("kept note");
    }
    const list = await roomOf(env, OPEN).resources(asMember(ids.mentee!));
    expect(list.ok && list.value.map((r) => r.url)).toEqual(["https://example.org/guide?x=1&y=2"]);
  });

  it("never copies note or link text to D1", async () => {
    await roomOf(env, OPEN).flushProjection();
    const d1 = await allOfD1();
    for (const secret of [
      "secret-link-note-4410",
      "Speaking guide",
      "example.org/guide",
      "Both texts",
      "my own agenda",
      "Getting to know each other",
      "secret-goal-why-7731",
    ]) {
      expect(d1, secret).not.toContain(secret);
    }
  });

  it("removes a link", async () => {
    const b = await signedIn(MENTOR);
    const res = await b.post(`/pairings/${OPEN}/resources/${resourceId}/delete`, {});
    expect(res.status).toBe(303);
    expect((await b.get(`/pairings/${OPEN}/resources`)).html).not.toContain("Speaking guide");
    expect((await b.post(`/pairings/${OPEN}/resources/${resourceId}/delete`, {})).status).toBe(404);
  });
});

const pagesOf = (id: string) => [
  `/pairings/${id}/goals`,
  `/pairings/${id}/goals/abc`,
  `/pairings/${id}/notes`,
  `/pairings/${id}/notes/abc`,
  `/pairings/${id}/resources`,
];
const postsOf = (id: string) => [
  `/pairings/${id}/goals`,
  `/pairings/${id}/goals/abc`,
  `/pairings/${id}/goals/abc/delete`,
  `/pairings/${id}/notes`,
  `/pairings/${id}/notes/abc`,
  `/pairings/${id}/notes/abc/delete`,
  `/pairings/${id}/resources`,
  `/pairings/${id}/resources/abc/delete`,
];

describe("who may open the room's pages", () => {
  it("refuses people who are not members (403), on every page and every form", async () => {
    const b = await signedIn(OUTSIDER);
    for (const path of pagesOf(OPEN)) {
      const { res, html } = await b.get(path);
      expect(res.status, path).toBe(403);
      expect(html, path).toContain("only open to its members");
    }
    for (const path of postsOf(OPEN))
      expect((await b.post(path, { title: "x", url: "https://example.org", version: "1" })).status, path).toBe(403);
  });

  it("refuses the program's coordinators too, pointing them to the summary", async () => {
    const b = await signedIn(COORDINATOR);
    for (const path of pagesOf(OPEN)) {
      const { res, html } = await b.get(path);
      expect(res.status, path).toBe(403);
      expect(html, path).toContain("never its conversation, notes or agreement");
    }
    for (const path of postsOf(OPEN))
      expect((await b.post(path, { title: "x", url: "https://example.org", version: "1" })).status, path).toBe(403);
    const goals = await roomOf(env, OPEN).goals({ kind: "coordinator", personId: ids.coordinator! });
    expect(goals.ok ? 200 : goals.status).toBe(403);
  });

  it("sends visitors to sign in, and answers 404 for a pairing that does not exist", async () => {
    const visitor = new Browser();
    const res = await visitor.fetch(`/pairings/${OPEN}/notes`);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toContain("/signin?next=");
    expect((await visitor.post(`/pairings/${OPEN}/notes`, { title: "x" })).status).toBe(303);
    const member = await signedIn(MENTEE);
    for (const path of pagesOf("no-such-pairing")) expect((await member.get(path)).res.status, path).toBe(404);
    for (const path of postsOf("no-such-pairing"))
      expect((await member.post(path, { title: "x" })).status, path).toBe(404);
  });
});

describe("a pairing that has ended", () => {
  let goalId = "";
  let noteId = "";
  let resourceId = "";

  it("can be read but no longer changed", async () => {
    const b = await signedIn(MENTOR);
    const goal = await b.post(`/pairings/${CLOSED}/goals`, { title: "Closed goal", progress: "10" });
    goalId = idFrom(goal.headers.get("Location"), /#goal-([0-9a-f]+)$/);
    const note = await b.post(`/pairings/${CLOSED}/notes`, { template: "wrap-up", title: "", body: "" });
    noteId = idFrom(note.headers.get("Location"), /\/notes\/([0-9a-f]+)$/);
    expect(
      (await b.post(`/pairings/${CLOSED}/resources`, { url: "example.net", title: "Closed link", note: "" })).status,
    ).toBe(303);
    const links = await roomOf(env, CLOSED).resources(asMember(ids.mentor!));
    resourceId = links.ok ? links.value[0]!.id : "";
    expect([goalId, noteId, resourceId].every(Boolean)).toBe(true);

    const ended = await roomOf(env, CLOSED).changeStage(
      { kind: "coordinator", personId: ids.coordinator! },
      "end",
      "They moved on.",
    );
    expect(ended).toEqual({ ok: true, value: { stage: "ended_early" } });

    const writes: [string, Record<string, string>][] = [
      [`/pairings/${CLOSED}/goals`, { title: "New goal", progress: "1" }],
      [`/pairings/${CLOSED}/goals/${goalId}`, { title: "Changed", progress: "99", status: "open" }],
      [`/pairings/${CLOSED}/goals/${goalId}`, { part: "progress", progress: "99" }],
      [`/pairings/${CLOSED}/goals/${goalId}/delete`, {}],
      [`/pairings/${CLOSED}/notes`, { template: "blank", title: "New note", body: "x" }],
      [`/pairings/${CLOSED}/notes/${noteId}`, { version: "1", title: "Changed", body: "x" }],
      [`/pairings/${CLOSED}/notes/${noteId}`, { version: "7", title: "Changed", body: "x" }],
      [`/pairings/${CLOSED}/notes/${noteId}/delete`, {}],
      [`/pairings/${CLOSED}/resources`, { url: "https://example.org", title: "New link" }],
      [`/pairings/${CLOSED}/resources/${resourceId}/delete`, {}],
    ];
    for (const [path, fields] of writes) {
      const res = await b.post(path, fields);
      expect(res.status, path).toBe(409);
      const html = await res.text();
      expect(html, path).toContain("can be read but no longer changed");
      expect(html, path).not.toContain("Your version");
    }

    for (const path of [
      `/pairings/${CLOSED}/goals`,
      `/pairings/${CLOSED}/goals/${goalId}`,
      `/pairings/${CLOSED}/notes`,
      `/pairings/${CLOSED}/notes/${noteId}`,
      `/pairings/${CLOSED}/resources`,
    ]) {
      const { res, html } = await b.get(path);
      expect(res.status, path).toBe(200);
      expect(html, path).toContain("This pairing ended early: you can read everything here");
      expect(html, path).not.toMatch(new RegExp(`<form method="post" action="/pairings/${CLOSED}`));
    }
    const goals = await b.get(`/pairings/${CLOSED}/goals`);
    expect(goals.html).toContain("Closed goal");
    expect((await b.get(`/pairings/${CLOSED}/notes/${noteId}`)).html).toContain("<h4>What we achieved</h4>");
    expect((await b.get(`/pairings/${CLOSED}/resources`)).html).toContain("Closed link");
  });
});

describe("robustness", () => {
  const huge = "x".repeat(100_000);
  const bodies: Record<string, string | string[]>[] = [
    {},
    {
      title: "",
      why: "",
      targetDate: "",
      progress: "",
      status: "",
      url: "",
      note: "",
      body: "",
      template: "",
      version: "",
      part: "",
    },
    {
      title: huge,
      why: huge,
      targetDate: huge,
      progress: huge,
      status: huge,
      url: huge,
      note: huge,
      body: huge,
      template: huge,
      version: huge,
      part: huge,
    },
    {
      title: ["a", "b"],
      progress: ["1", "2"],
      url: ["https://example.org", "javascript:x"],
      version: ["1", "2"],
      part: ["progress", "x"],
    },
    {
      title: "\u0000\u202e<script>alert(1)</script>",
      body: "\ud800",
      url: "https://exa mple.org",
      progress: "1e3",
      targetDate: "9999-99-99",
      status: "__proto__",
      template: "__proto__",
    },
  ];

  it("never answers 5xx, whatever is posted, to whichever path", async () => {
    const b = await signedIn(MENTEE);
    const goal = await b.post(`/pairings/${OPEN}/goals`, { title: "Robust goal" });
    const goalId = idFrom(goal.headers.get("Location"), /#goal-([0-9a-f]+)$/);
    const note = await b.post(`/pairings/${OPEN}/notes`, { template: "blank", title: "Robust note" });
    const noteId = idFrom(note.headers.get("Location"), /\/notes\/([0-9a-f]+)$/);
    const paths = [
      ...postsOf(OPEN),
      `/pairings/${OPEN}/goals/${goalId}`,
      `/pairings/${OPEN}/notes/${noteId}`,
      `/pairings/${OPEN}/goals/${"z".repeat(2000)}`,
      `/pairings/${OPEN}/notes/%00%ff`,
      `/pairings/${OPEN}/resources/%2e%2e/delete`,
    ];
    for (const path of paths) {
      for (const fields of bodies) {
        const res = await b.post(path, fields);
        expect(res.status, `${path} ${JSON.stringify(fields).slice(0, 80)}`).toBeLessThan(500);
        await res.arrayBuffer();
      }
    }
    for (const path of [
      ...pagesOf(OPEN),
      `/pairings/${OPEN}/notes/${"z".repeat(2000)}`,
      `/pairings/${OPEN}/goals/%00`,
    ]) {
      expect((await b.get(path)).res.status, path).toBeLessThan(500);
    }
    const broken = await b.fetch(`/pairings/${OPEN}/goals`, {
      method: "POST",
      body: "%%%",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": b.csrf },
    });
    expect(broken.status).toBeLessThan(500);
  });

  it("keeps every page small (under 14 KB gzipped)", async () => {
    const b = await signedIn(MENTEE);
    for (let i = 0; i < 5; i++) {
      await b.post(`/pairings/${OPEN}/goals`, {
        title: `Goal number ${i}`,
        why: "A reason that is a sentence or two long, like people write.",
        progress: String(i * 20),
      });
      await b.post(`/pairings/${OPEN}/resources`, {
        url: `https://example.org/article-${i}`,
        title: `Article ${i}`,
        note: "Worth reading before we meet.",
      });
    }
    const notes = await roomOf(env, OPEN).notes(asMember(ids.mentee!));
    const someNote = notes.ok ? notes.value[0]!.id : "";
    for (const path of [
      `/pairings/${OPEN}/goals`,
      `/pairings/${OPEN}/notes`,
      `/pairings/${OPEN}/notes/${someNote}`,
      `/pairings/${OPEN}/resources`,
    ]) {
      const { res, html } = await b.get(path);
      expect(res.status, path).toBe(200);
      expect(await gzipSize(html), path).toBeLessThan(14 * 1024);
    }
  });
});
