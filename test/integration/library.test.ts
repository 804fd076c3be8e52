import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openCheckin } from "../../worker/journey/journey-steps";
import { milestoneItem } from "../../worker/library/library";
import { type Browser, createPerson, signedIn } from "../helpers";

const PROGRAM = "lb-prog";
const OTHER = "lb-other";
const PAIRING = "lb-pair";
const ELSEWHERE = "lb-elsewhere";
const COORDINATOR = "cora@lb.test";
const MENTOR = "mo@lb.test";
const MENTEE = "tess@lb.test";
const STRANGER = "sam@lb.test";
const ids: Record<string, string> = {};
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

/** POSTs the item form with a file, as a browser does without JavaScript. */
async function uploadItem(
  b: Browser,
  path: string,
  fields: Record<string, string>,
  name: string,
  content: Uint8Array | string,
) {
  if (!b.cookies.has("__Host-csrf")) await b.get(BASE);
  const form = new FormData();
  form.append("_csrf", b.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new File([content], name, { type: "application/pdf" }));
  return b.fetch(path, { method: "POST", body: form });
}
const BASE = `/programs/${PROGRAM}/library`;

async function program(id: string) {
  await env.DB.prepare(
    "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?, 'Library program', 'one-to-one', 12, 14, 'coordinator', ?)",
  )
    .bind(id, ids.coordinator)
    .run();
}

async function pair(id: string, programId: string, mentor: string, mentee: string) {
  for (const [who, role] of [
    [mentor, "mentor"],
    [mentee, "mentee"],
  ])
    await env.DB.prepare(
      "INSERT OR IGNORE INTO memberships (program_id, person_id, role, status) VALUES (?, ?, ?, 'active')",
    )
      .bind(programId, who, role)
      .run();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO pairings (id, program_id, source, created_at, stage) VALUES (?, ?, 'matching', ?, 'onboarding')",
    ).bind(id, programId, Date.now()),
    env.DB.prepare(
      "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, ?, 'mentor', ?), (?, ?, 'mentee', ?)",
    ).bind(id, mentor, programId, id, mentee, programId),
  ]);
}

beforeAll(async () => {
  ids.coordinator = await createPerson(COORDINATOR, { name: "Cora" });
  ids.mentor = await createPerson(MENTOR, { name: "Mo" });
  ids.mentee = await createPerson(MENTEE, { name: "Tess" });
  ids.stranger = await createPerson(STRANGER, { name: "Sam" });
  await env.DB.prepare("UPDATE people SET goals = ? WHERE id = ?")
    .bind(JSON.stringify(["Public speaking"]), ids.mentee)
    .run();
  await program(PROGRAM);
  await program(OTHER);
  await env.DB.prepare(
    "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, 'coordinator', 'active')",
  )
    .bind(PROGRAM, ids.coordinator)
    .run();
  await pair(PAIRING, PROGRAM, ids.mentor!, ids.mentee!);
  await pair(ELSEWHERE, OTHER, ids.stranger!, ids.mentor!);
});

describe("the program library", () => {
  const itemIds: Record<string, string> = {};

  it("coordinators add links and texts tagged by milestone and topic; a bad one keeps what was typed", async () => {
    const b = await signedIn(COORDINATOR);
    expect((await b.get(BASE)).res.status).toBe(200);
    const bad = await b.post(BASE, { title: "Broken", url: "javascript:alert(1)", milestone: "any", tags: "" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("That is not a web link we can open");
    expect(html).toContain('value="Broken"');
    const empty = await b.post(BASE, { title: "Nothing", milestone: "any" });
    expect(await empty.text()).toContain("Add a link or a file, or write a text.");
    const items: Record<string, string>[] = [
      { title: "Writing an agreement", url: "https://example.org/agreements", milestone: "agreement", tags: "" },
      {
        title: "Speaking prompts",
        body: "# Try this\n- Tell a **story**",
        milestone: "any",
        tags: "Public speaking, talks",
      },
      { title: "Wrapping up well", url: "https://example.org/wrap", milestone: "wrap-up", tags: "" },
    ];
    for (const item of items) expect((await b.post(BASE, item)).status).toBe(303);
    const rows = await env.DB.prepare("SELECT id, title, tags FROM library_items WHERE program_id = ?")
      .bind(PROGRAM)
      .all<{
        id: string;
        title: string;
        tags: string;
      }>();
    for (const r of rows.results) itemIds[r.title] = r.id;
    expect(rows.results.find((r) => r.title === "Speaking prompts")?.tags).toBe('["public speaking","talks"]');
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'library.add'").first();
    expect(audit).toEqual({ n: 3 });
  });

  it("only coordinators reach the program's library page", async () => {
    const b = await signedIn(MENTEE);
    expect((await b.fetch(BASE)).status).toBe(403);
    expect((await b.post(BASE, { title: "x", url: "https://example.org", milestone: "any" })).status).toBe(403);
  });

  it("pairings see what fits their stage and their goals on the Files tab", async () => {
    const { html } = await (await signedIn(MENTEE)).get(`/pairings/${PAIRING}/files`);
    const section = (name: string) => html.split(`<h3>${name}</h3>`)[1]?.split("</ul>")[0] ?? "";
    expect(section("For this stage")).toContain("Writing an agreement");
    expect(section("For your goals")).toContain("Speaking prompts");
    expect(section("More from the library")).toContain("Wrapping up well");
  });

  it("opening counts each pairing once; a link leads on, a text shows; other programs' pairings get nothing", async () => {
    const mentee = await signedIn(MENTEE);
    const link = await mentee.fetch(`/pairings/${PAIRING}/library/${itemIds["Writing an agreement"]}`);
    expect(link.status).toBe(303);
    expect(link.headers.get("Location")).toBe("https://example.org/agreements");
    await (await signedIn(MENTOR)).fetch(`/pairings/${PAIRING}/library/${itemIds["Writing an agreement"]}`);
    const text = await mentee.get(`/pairings/${PAIRING}/library/${itemIds["Speaking prompts"]}`);
    expect(text.res.status).toBe(200);
    expect(text.html).toContain("<strong>story</strong>");
    const elsewhere = await (await signedIn(MENTOR)).fetch(
      `/pairings/${ELSEWHERE}/library/${itemIds["Speaking prompts"]}`,
    );
    expect(elsewhere.status).toBe(404);
    const { html } = await (await signedIn(COORDINATOR)).get(BASE);
    expect(html).toContain("opened by 1 pairing");
    expect(html).toContain("not opened yet");
  });

  it("the journey's check-in mail names the milestone's first item", async () => {
    const b = await signedIn(COORDINATOR);
    const item = { title: "Ask about a setback", body: "What did you learn?", milestone: "check-in", tags: "" };
    expect((await b.post(BASE, item)).status).toBe(303);
    const now = Date.now();
    const milestone = {
      key: "check-in-1",
      kind: "check-in" as const,
      title: "Check-in 1",
      due: now,
      closes: now + 4 * 86_400_000,
    };
    await openCheckin(env, "https://trellis.test", PAIRING, milestone);
    const mail = await env.DB.prepare(
      "SELECT body_text FROM notifications WHERE person_id = ? AND kind = 'journey-check-in'",
    )
      .bind(ids.mentee)
      .first<{ body_text: string }>();
    expect(mail?.body_text).toMatch(
      new RegExp(
        `This fortnight, talk about: Ask about a setback\\nhttps://trellis\\.test/pairings/${PAIRING}/library/[0-9a-f]+`,
      ),
    );
  });

  it("coordinators add a file item (refusing a hostile one, keeping what was typed); members download it inert", async () => {
    const b = await signedIn(COORDINATOR);
    const hostile = await uploadItem(
      b,
      BASE,
      { title: "Guide", milestone: "any", tags: "cv" },
      "guide.pdf",
      "<html><script>x</script>",
    );
    expect(hostile.status).toBe(422);
    const refused = await hostile.text();
    expect(refused).toContain("not what its name says");
    expect(refused).toContain('value="Guide"');
    const svg = await uploadItem(b, BASE, { title: "Logo", milestone: "any" }, "logo.svg", "<svg onload=x/>");
    expect(await svg.text()).toContain("Web pages and SVG images are never accepted");
    const ok = await uploadItem(b, BASE, { title: "CV guide", milestone: "welcome", tags: "cv" }, "CV guide.pdf", PDF);
    expect(ok.status).toBe(303);
    const row = await env.DB.prepare(
      "SELECT id, file_name, file_kind, file_size FROM library_items WHERE title = 'CV guide'",
    ).first<{
      id: string;
      file_name: string;
      file_kind: string;
      file_size: number;
    }>();
    expect(row).toMatchObject({ file_name: "CV guide.pdf", file_kind: "pdf", file_size: PDF.length });
    itemIds["CV guide"] = row!.id;
    const list = await b.get(BASE);
    expect(list.html).toContain(`href="${BASE}/${row!.id}/file"`);
    const own = await b.fetch(`${BASE}/${row!.id}/file`);
    expect(own.status).toBe(200);
    const mentee = await signedIn(MENTEE);
    const page = await mentee.get(`/pairings/${PAIRING}/library/${row!.id}`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain(`href="/pairings/${PAIRING}/library/${row!.id}/file"`);
    const file = await mentee.fetch(`/pairings/${PAIRING}/library/${row!.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    // A member of another program's pairing, and a stranger, get nothing.
    expect((await (await signedIn(MENTOR)).fetch(`/pairings/${ELSEWHERE}/library/${row!.id}/file`)).status).toBe(404);
    expect((await (await signedIn(STRANGER)).fetch(`/pairings/${PAIRING}/library/${row!.id}/file`)).status).toBe(403);
    expect((await mentee.fetch(`${BASE}/${row!.id}/file`)).status).toBe(403);
  });

  it("coordinators edit an item; a bad edit keeps what was typed and changes nothing; edits are audited", async () => {
    const b = await signedIn(COORDINATOR);
    const id = itemIds["Speaking prompts"]!;
    const form = await b.get(`${BASE}/${id}`);
    expect(form.res.status).toBe(200);
    expect(form.html).toContain('value="public speaking, talks"');
    expect(form.html).toContain('enctype="multipart/form-data"');
    const bad = await b.post(`${BASE}/${id}`, {
      title: "Speaking, again",
      url: "ftp://x",
      body: "New",
      milestone: "first-meeting",
      tags: "voice",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("That is not a web link we can open");
    expect(html).toContain('value="Speaking, again"');
    expect(html).toContain('value="voice"');
    expect(html).toMatch(/<option value="first-meeting" selected="">/);
    const same = await env.DB.prepare("SELECT title FROM library_items WHERE id = ?").bind(id).first();
    expect(same).toEqual({ title: "Speaking prompts" });
    const res = await b.post(`${BASE}/${id}`, {
      title: "Speaking, again",
      url: "",
      body: "New",
      milestone: "first-meeting",
      tags: "voice",
    });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT title, body, milestone, tags FROM library_items WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ title: "Speaking, again", body: "New", milestone: "first-meeting", tags: '["voice"]' });
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'library.edit' AND subject_id = ?")
      .bind(id)
      .first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toEqual({ fields: ["title", "body", "milestone", "tags"] });
    // A file item keeps its file when edited without one, and may drop its link and text.
    const fileItem = itemIds["CV guide"]!;
    expect((await b.post(`${BASE}/${fileItem}`, { title: "CV guide 2", milestone: "any", tags: "" })).status).toBe(303);
    expect(await env.DB.prepare("SELECT file_name FROM library_items WHERE id = ?").bind(fileItem).first()).toEqual({
      file_name: "CV guide.pdf",
    });
    // Removing the file needs a link or a text left; then its bytes go too.
    const bare = await b.post(`${BASE}/${fileItem}`, {
      title: "CV guide 2",
      milestone: "any",
      tags: "",
      remove_file: "1",
    });
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain("Add a link or a file, or write a text.");
    const before = (await env.FILES.list({ prefix: `programs/${PROGRAM}/library/` })).objects.length;
    const dropped = await b.post(`${BASE}/${fileItem}`, {
      title: "CV guide 2",
      body: "Ask your mentor for the template.",
      milestone: "any",
      tags: "",
      remove_file: "1",
    });
    expect(dropped.status).toBe(303);
    expect(await env.DB.prepare("SELECT file_name FROM library_items WHERE id = ?").bind(fileItem).first()).toEqual({
      file_name: null,
    });
    expect((await env.FILES.list({ prefix: `programs/${PROGRAM}/library/` })).objects).toHaveLength(before - 1);
    // Another program's coordinator, and a member, cannot edit.
    expect(
      (await (await signedIn(MENTEE)).post(`${BASE}/${id}`, { title: "x", body: "y", milestone: "any" })).status,
    ).toBe(403);
    expect((await b.fetch(`/programs/${PROGRAM}/library/nope`)).status).toBe(404);
  });

  it("removing an item is audited", async () => {
    expect(await milestoneItem(env, PAIRING, "wrap-up")).toMatchObject({ title: "Wrapping up well" });
    expect(await milestoneItem(env, PAIRING, "mid-point")).toBeNull();
    expect(await milestoneItem(env, ELSEWHERE, "wrap-up")).toBeNull();
    const b = await signedIn(COORDINATOR);
    expect((await b.post(`${BASE}/${itemIds["Wrapping up well"]}/delete`, {})).status).toBe(303);
    expect(await milestoneItem(env, PAIRING, "wrap-up")).toBeNull();
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'library.remove'").first();
    expect(audit).toEqual({ n: 1 });
    expect((await b.post(`${BASE}/${itemIds["CV guide"]}/delete`, {})).status).toBe(303);
    expect((await env.FILES.list({ prefix: `programs/${PROGRAM}/library/` })).objects).toHaveLength(0);
  });
});
