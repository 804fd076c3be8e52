import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatInstant } from "../../worker/domain/format-time";
import { sha256Hex } from "../../worker/domain/random-secrets";
import { Browser, createPerson } from "../helpers";

const PROGRAM = {
  name: "Spring Circle",
  description: "Six months of mentoring.",
  type: "group",
  length_weeks: "24",
  cadence_days: "14",
  matching_mode: "self",
};

async function createProgramAs(b: Browser, fields = PROGRAM): Promise<string> {
  const res = await b.post("/programs/new", fields);
  expect(res.status).toBe(303);
  return res.headers.get("Location")!.split("/").pop()!;
}

describe("programs", () => {
  const coordinator = new Browser();
  let programId = "";

  beforeAll(async () => {
    await createPerson("coord@example.org", { canCreatePrograms: true, name: "Cora" });
    await coordinator.signIn("coord@example.org");
    programId = await createProgramAs(coordinator);
  });

  it("creates a program with the creator as coordinator", async () => {
    const row = await env.DB.prepare(
      "SELECT name, type, length_weeks, cadence_days, matching_mode FROM programs WHERE id = ?",
    )
      .bind(programId)
      .first();
    expect(row).toEqual({
      name: "Spring Circle",
      type: "group",
      length_weeks: 24,
      cadence_days: 14,
      matching_mode: "self",
    });
    const { res, html } = await coordinator.get(`/programs/${programId}`);
    expect(res.status).toBe(200);
    expect(html).toContain("Spring Circle");
    expect(html).toContain("coord@example.org");
    expect((await coordinator.get("/programs")).html).toContain(`/programs/${programId}`);
  });

  it("keeps typed values and shows each error next to its field", async () => {
    const before = (await env.DB.prepare("SELECT COUNT(*) AS n FROM programs").first<{ n: number }>())!.n;
    const res = await coordinator.post("/programs/new", {
      name: "  ",
      description: "kept text",
      type: "hierarchy",
      length_weeks: "0",
      cadence_days: "two",
      matching_mode: "",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Give the program a name.");
    expect(html).toContain("Choose one of the program types.");
    expect(html).toContain("The length in weeks must be from 1 to 104.");
    expect(html).toContain("The check-in cadence in days must be a whole number.");
    expect(html).toContain("Choose how people are matched.");
    expect(html).toContain("kept text");
    expect(html).toContain('value="two"');
    expect(html).toMatch(/id="e-name"/);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM programs").first<{ n: number }>())!.n).toBe(before);
  });

  it("edits a program", async () => {
    const res = await coordinator.post(`/programs/${programId}/edit`, {
      ...PROGRAM,
      name: "Spring Circle 2027",
      type: "peer",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/programs/${programId}?saved=1`);
    const html = (await coordinator.get(`/programs/${programId}?saved=1`)).html;
    expect(html).toContain("Spring Circle 2027");
    expect(html).toContain("Program saved.");
    const bad = await coordinator.post(`/programs/${programId}/edit`, { ...PROGRAM, length_weeks: "500" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("from 1 to 104");
  });

  it("answers htmx form posts with a fragment or an HX-Location", async () => {
    const bad = await coordinator.post("/programs/new", { ...PROGRAM, name: "" }, { "HX-Request": "true" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).not.toContain("<html");
    expect(html).toContain('id="program-form"');
    const ok = await coordinator.post("/programs/new", PROGRAM, { "HX-Request": "true" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("HX-Location")).toMatch(/^\/programs\/[A-Za-z0-9_-]+$/);
  });

  it("answers an htmx invite with errors with the invite form alone", async () => {
    const res = await coordinator.post(
      `/programs/${programId}/invitations`,
      { email: "typo@", role: "mentor" },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html.startsWith('<form id="invite"')).toBe(true);
    expect(html).not.toContain("<h1>");
    expect(html).toContain('value="typo@"');
    expect(html).toMatch(/id="e-email"/);
  });

  it("lists coordinated programs without a create link for coordinators who may not create programs", async () => {
    const id = await createPerson("co-coord@example.org");
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, 'coordinator', 'active')",
    )
      .bind(programId, id)
      .run();
    const b = new Browser();
    await b.signIn("co-coord@example.org");
    const { res, html } = await b.get("/programs");
    expect(res.status).toBe(200);
    expect(html).toContain(`/programs/${programId}`);
    expect(html).not.toContain("Create a program");
    expect((await b.get(`/programs/${programId}`)).res.status).toBe(200);
    expect((await b.get("/programs/new")).res.status).toBe(403);
  });

  it("refuses program creation to people who may not create programs", async () => {
    await createPerson("plain@example.org");
    const b = new Browser();
    await b.signIn("plain@example.org");
    expect((await b.get("/programs/new")).res.status).toBe(403);
    expect((await b.post("/programs/new", PROGRAM)).status).toBe(403);
    expect((await b.get("/programs")).res.status).toBe(403);
  });

  it("keeps mentees and strangers out of coordinator pages", async () => {
    const menteeId = await createPerson("mentee@example.org");
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, 'mentee', 'active')",
    )
      .bind(programId, menteeId)
      .run();
    const mentee = new Browser();
    await mentee.signIn("mentee@example.org");
    for (const path of ["", "/edit", "/import"]) {
      const { res, html } = await mentee.get(`/programs/${programId}${path}`);
      expect(res.status, path).toBe(403);
      expect(html).toContain("Not available to you");
    }
    expect((await mentee.post(`/programs/${programId}/edit`, PROGRAM)).status).toBe(403);
    expect(
      (await mentee.post(`/programs/${programId}/invitations`, { email: "x@example.org", role: "coordinator" })).status,
    ).toBe(403);
    expect((await mentee.post(`/programs/${programId}/invitations/pending`, {})).status).toBe(403);
    expect((await mentee.get("/programs")).res.status).toBe(403);
    const form = new FormData();
    form.set("_csrf", mentee.csrf);
    form.set("csv_text", "email,role\nme@example.org,coordinator\n");
    expect((await mentee.fetch(`/programs/${programId}/import`, { method: "POST", body: form })).status).toBe(403);
    expect(
      (await env.DB.prepare("SELECT name FROM programs WHERE id = ?").bind(programId).first<{ name: string }>())!.name,
    ).not.toBe(`${PROGRAM.name}x`);
    expect((await mentee.get("/programs/does-not-exist")).res.status).toBe(404);

    const visitor = new Browser();
    const res = await visitor.fetch(`/programs/${programId}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/signin?next=${encodeURIComponent(`/programs/${programId}`)}`);
  });
});

describe("invitations", () => {
  it("invites by email; the link's GET changes nothing and its POST joins and signs in", async () => {
    await createPerson("host@example.org", { canCreatePrograms: true });
    const host = new Browser();
    await host.signIn("host@example.org");
    const programId = await createProgramAs(host, { ...PROGRAM, name: "Invite Test" });

    const bad = await host.post(`/programs/${programId}/invitations`, { email: "nope", role: "wizard" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter an email address like name@example.org.");
    expect(badHtml).toContain("Choose mentor, mentee or coordinator.");
    expect(badHtml).toContain('value="nope"');

    const res = await host.post(`/programs/${programId}/invitations`, {
      email: "New.Person@example.org",
      role: "mentor",
    });
    expect(res.status).toBe(303);
    expect((await host.get(res.headers.get("Location")!)).html).toContain("Invitation sent to new.person@example.org.");
    const mail = await env.DB.prepare(
      "SELECT body_text FROM notifications WHERE to_email = 'new.person@example.org' AND kind = 'invitation'",
    ).first<{ body_text: string }>();
    const token = mail!.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
    const stored = await env.DB.prepare("SELECT token_hash FROM invitations").all<{ token_hash: string }>();
    expect(stored.results.map((r) => r.token_hash)).toContain(await sha256Hex(token));

    const guest = new Browser();
    for (let i = 0; i < 2; i++) {
      const page = await guest.get(`/invitations/${token}`);
      expect(page.res.status).toBe(200);
      expect(page.html).toContain("Invite Test");
      expect(page.html).toContain("Accept invitation");
    }
    const status = () =>
      env.DB.prepare(
        "SELECT m.status FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'new.person@example.org'",
      ).first<{ status: string }>();
    expect((await status())!.status).toBe("invited");

    const accept = await guest.post(`/invitations/${token}`, {});
    expect(accept.status).toBe(303);
    expect(accept.headers.get("Location")).toBe(`/programs/${programId}/welcome`);
    expect(guest.cookies.has("__Host-sid")).toBe(true);
    expect((await status())!.status).toBe("active");

    const again = new Browser();
    expect((await again.post(`/invitations/${token}`, {})).status).toBe(410);
    expect((await again.get(`/invitations/${token}`)).res.status).toBe(410);
    expect((await again.get(`/invitations/${"B".repeat(43)}`)).res.status).toBe(404);
    expect((await again.post(`/invitations/${"B".repeat(43)}`, {})).status).toBe(404);
    expect(again.cookies.has("__Host-sid")).toBe(false);
  });
});

describe("expired invitations", () => {
  it("answers 410 and changes nothing", async () => {
    await createPerson("late-host@example.org", { canCreatePrograms: true });
    const host = new Browser();
    await host.signIn("late-host@example.org");
    const programId = await createProgramAs(host, { ...PROGRAM, name: "Late" });
    expect(
      (await host.post(`/programs/${programId}/invitations`, { email: "late@example.org", role: "mentee" })).status,
    ).toBe(303);
    const mail = await env.DB.prepare("SELECT body_text FROM notifications WHERE to_email = 'late@example.org'").first<{
      body_text: string;
    }>();
    const token = mail!.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE token_hash = ?")
      .bind(Date.now() - 1, await sha256Hex(token))
      .run();

    const guest = new Browser();
    const page = await guest.get(`/invitations/${token}`);
    expect(page.res.status).toBe(410);
    expect(page.html).toContain("expired");
    expect((await guest.post(`/invitations/${token}`, {})).status).toBe(410);
    expect(guest.cookies.has("__Host-sid")).toBe(false);
    const status = await env.DB.prepare(
      "SELECT m.status FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'late@example.org'",
    ).first<{ status: string }>();
    expect(status!.status).toBe("invited");
  });
});

describe("emailing imported participants", () => {
  it("mails the never-emailed in a bulk mailing and shows when, in the viewer's time zone", async () => {
    await createPerson("batcher@example.org", { canCreatePrograms: true });
    await env.DB.prepare("UPDATE people SET time_zone = 'Asia/Tokyo' WHERE email = 'batcher@example.org'").run();
    const host = new Browser();
    await host.signIn("batcher@example.org");
    const programId = await createProgramAs(host, { ...PROGRAM, name: "Batch" });
    const form = new FormData();
    form.set("_csrf", host.csrf);
    form.set(
      "csv_text",
      ["email,role", ...Array.from({ length: 25 }, (_, i) => `batch${i}@example.org,mentee`)].join("\n"),
    );
    expect((await host.fetch(`/programs/${programId}/import`, { method: "POST", body: form })).status).toBe(303);

    let page = (await host.get(`/programs/${programId}`)).html;
    expect(page).toContain("25 invited participants have not been emailed yet.");
    expect(page).toContain("Email invitations to all 25");
    expect(page.match(/invited, not emailed yet/g)).toHaveLength(25);
    const mails = async () =>
      (await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'invitation' AND to_email LIKE 'batch%'",
      ).first<{ n: number }>())!.n;
    expect(await mails()).toBe(0);

    // One click claims all 25 and starts a bulk mailing; the overview follows its progress.
    await using mailings = await introspectWorkflow(env.BULK_MAIL);
    const first = await host.post(`/programs/${programId}/invitations/pending`, {});
    expect(first.status).toBe(303);
    const location = first.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/programs/${programId}\\?mailing=invitations-[0-9a-f]+$`));
    const [instance] = await mailings.get();
    await instance!.waitForStatus("complete");
    expect(await mails()).toBe(25);
    page = (await host.get(location)).html;
    expect(page).toContain("Sent invitations to 25 people.");
    expect(page).not.toContain("not been emailed yet");
    expect(page.match(/invited, emailed <time/g)).toHaveLength(25);
    const stamp = await env.DB.prepare(
      "SELECT invited_at FROM memberships WHERE program_id = ? AND invited_at IS NOT NULL LIMIT 1",
    )
      .bind(programId)
      .first<{ invited_at: number }>();
    expect(page).toContain(formatInstant(stamp!.invited_at, "Asia/Tokyo"));

    // A second click (or a double click) claims nobody again.
    const second = await host.post(`/programs/${programId}/invitations/pending`, {});
    expect(second.headers.get("Location")).toBe(`/programs/${programId}?mailed=0`);
    page = (await host.get(second.headers.get("Location")!)).html;
    expect(page).toContain("Everyone in this program has been emailed an invitation already.");
    expect(await mails()).toBe(25);
    expect(
      (await env.DB.prepare(
        "SELECT COUNT(DISTINCT to_email) AS n FROM notifications WHERE kind = 'invitation' AND to_email LIKE 'batch%'",
      ).first<{ n: number }>())!.n,
    ).toBe(25);

    const mail = await env.DB.prepare(
      "SELECT body_text FROM notifications WHERE to_email = 'batch7@example.org'",
    ).first<{ body_text: string }>();
    const token = mail!.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
    const guest = new Browser();
    await guest.get(`/invitations/${token}`);
    expect((await guest.post(`/invitations/${token}`, {})).status).toBe(303);
    const status = await env.DB.prepare(
      "SELECT m.status FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'batch7@example.org'",
    ).first<{ status: string }>();
    expect(status!.status).toBe("active");
  });
});
