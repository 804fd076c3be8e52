import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, createPerson, createProgramAs } from "../helpers";
import { latestRun, proposalsOf } from "../matching-fixture";

const b = new Browser();
let programId = "";

/** Uploads CSV text as a file (or pastes it) and returns the response. */
async function upload(text: string | Uint8Array, how: "file" | "paste" = "file") {
  const form = new FormData();
  form.set("_csrf", b.csrf);
  if (how === "file") form.set("csv", new File([text], "people.csv", { type: "text/csv" }));
  else form.set("csv_text", text as string);
  return b.fetch(`/programs/${programId}/import`, { method: "POST", body: form });
}

/** Uploads and follows the redirect to the report page. */
async function importReport(text: string | Uint8Array, how: "file" | "paste" = "file") {
  const res = await upload(text, how);
  expect(res.status).toBe(303);
  const location = res.headers.get("Location")!;
  expect(location).toMatch(new RegExp(`^/programs/${programId}/imports/`));
  return (await b.get(location)).html;
}

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;
const members = () => count("SELECT COUNT(*) AS n FROM memberships WHERE program_id = ?", programId);

beforeAll(async () => {
  await createPerson("importer@example.org", { canCreatePrograms: true });
  await b.signIn("importer@example.org");
  const res = await b.post("/programs/new", {
    name: "Import",
    description: "",
    type: "one-to-one",
    length_weeks: "12",
    cadence_days: "14",
    matching_mode: "coordinator",
  });
  programId = res.headers.get("Location")!.split("/").pop()!;
});

describe("CSV import", () => {
  it("imports good rows, reports bad ones by physical line, and is safe to run twice", async () => {
    const csv =
      '\uFEFFemail,name,role,time_zone,notes\r\nana@example.org,"Souza, Ana",mentee,America/Sao_Paulo,"likes\r\nstatistics"\r\nbad-address,Bad,mentee,,\r\nben@example.org,Ben,mentor,Europe/Berlin,\r\ncid@example.org,Cid,mentor\r\n';
    const html = await importReport(csv);
    expect(html).toContain("Imported 3 participants.");
    expect(html).toContain("1 line could not be imported.");
    expect(html).toContain("Line 4: &quot;bad-address&quot; is not an email address");
    expect(html).toContain("Ignored columns Trellis doesn&#39;t use: notes.");
    expect(await members()).toBe(4);
    expect(
      (await env.DB.prepare("SELECT name, time_zone FROM people WHERE email = 'ana@example.org'").first())!,
    ).toEqual({ name: "Souza, Ana", time_zone: "America/Sao_Paulo" });

    const again = await importReport(csv);
    expect(again).toContain("Imported 0 participants. 3 already in the program (unchanged).");
    expect(await members()).toBe(4);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM people WHERE email IN ('ana@example.org','ben@example.org','cid@example.org')",
      ),
    ).toBe(3);

    const program = (await b.get(`/programs/${programId}`)).html;
    expect(program).toContain("ana@example.org");
    expect(program).toContain("Participants (4)");
  });

  it("does not overwrite what people already entered, but fills gaps", async () => {
    await env.DB.prepare(
      "UPDATE people SET name = 'Ben Chosen', time_zone = 'Asia/Tokyo' WHERE email = 'ben@example.org'",
    ).run();
    await importReport("email,name,role,time_zone\nben@example.org,Other Name,mentee,Europe/Paris\n");
    expect(await env.DB.prepare("SELECT name, time_zone FROM people WHERE email = 'ben@example.org'").first()).toEqual({
      name: "Ben Chosen",
      time_zone: "Asia/Tokyo",
    });
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'ben@example.org' AND m.program_id = ?",
        programId,
      ),
    ).toBe(2);
  });

  it("accepts pasted text with LF line ends and missing cells", async () => {
    const html = await importReport("role,email\nmentee,dee@example.org\nmentor\n", "paste");
    expect(html).toContain("Imported 1 participant.");
    expect(html).toContain("Line 3: email is missing");
  });

  it("explains an empty file, a header-only file and a file without required columns on the same form", async () => {
    for (const [text, message] of [
      ["", "Choose a CSV file, or paste CSV text below."],
      ["email,role\n", "no participants"],
      ["name,mail\nx,y\n", "including email and role"],
      ['email,role\n"unterminated,mentee\n', "Line 2: A quoted field is never closed"],
    ] as const) {
      const before = await members();
      const res = await upload(text, "paste");
      expect(res.status, text).toBe(422);
      const html = await res.text();
      expect(html).toContain(message);
      if (text) expect(html).toContain(text.split("\n")[0]);
      expect(await members()).toBe(before);
    }
    const emptyFile = await upload(new Uint8Array(), "file");
    expect(emptyFile.status).toBe(422);
    expect(await emptyFile.text()).toContain("The file people.csv is empty.");
    const latin1 = await upload(
      new Uint8Array([...new TextEncoder().encode("email,role,name\njo@example.org,mentee,Jos"), 0xe9, 0x0a]),
      "file",
    );
    expect(latin1.status).toBe(422);
    expect(await latin1.text()).toContain("not UTF-8 text");
  });

  it("reports duplicates within the file and bad rows after multi-line quoted fields by their physical line", async () => {
    const csv = [
      "email,role,name",
      'eve@example.org,mentee,"Eve\nwith a two-line name"',
      "EVE@example.org,mentee,Eve again",
      "fay@example.org,admin,Fay",
      "gus@example.org,mentor,Gus",
    ].join("\r\n");
    const html = await importReport(csv);
    expect(html).toContain("Imported 2 participants.");
    expect(html).toContain("Line 4: eve@example.org is already listed as mentee on line 2");
    expect(html).toContain("Line 5: role &quot;admin&quot; must be mentor, mentee or coordinator");
  });

  it("refuses a file of more than 10,000 rows without reading it all, and without a 5xx", async () => {
    const many = `email,role\n${"x\n".repeat(990_000)}`;
    const res = await upload(many);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("more than 10,000 participants");
    const rows = `email,role\n${Array.from({ length: 10_001 }, (_, i) => `r${i}@example.org,mentee`).join("\n")}`;
    const res2 = await upload(rows, "paste");
    expect(res2.status).toBe(422);
    expect(await res2.text()).toContain("import at most 10,000 at a time");
  });

  it("refuses files over 2 MB with a clear message", async () => {
    const res = await upload(`email,role\n${"x".repeat(2_100_000)}`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("import at most 2 MB");
    const huge = await upload(`email,role\n${"x".repeat(6 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("split the CSV file into parts of at most 2 MB");
  });

  it("imports 5,000 rows in one request, and again without duplicates", async () => {
    const lines = ["email,name,role,languages,goals"];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `bulk${i}@example.org,Person ${i},${i % 4 ? "mentee" : "mentor"},english;spanish,"leadership; writing"`,
      );
    const csv = lines.join("\r\n");
    const before = await members();
    const started = Date.now();
    const html = await importReport(csv);
    console.log(`5,000-row import took ${Date.now() - started} ms`);
    expect(html).toContain("Imported 5,000 participants.");
    expect(await members()).toBe(before + 5000);
    const again = await importReport(csv);
    expect(again).toContain("5000 already in the program");
    expect(await members()).toBe(before + 5000);
    expect(await count("SELECT COUNT(*) AS n FROM people WHERE email LIKE 'bulk%'")).toBe(5000);
    const page = await b.get(`/programs/${programId}?page=2`);
    expect(page.html).toContain("Page 2 of");
    for (const path of [`/programs/${programId}`, `/programs/${programId}?page=50`]) {
      const { html: body } = await b.get(path);
      const gzipped = await new Response(
        new Blob([body]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer();
      console.log(
        `GET ${path.replace(programId, ":id")} with ${await members()} participants: ${body.length} bytes raw, ${gzipped.byteLength} bytes gzip`,
      );
      expect(gzipped.byteLength).toBeLessThan(14 * 1024);
    }
  });
});

describe("from import to matching, with no dead end", () => {
  it("takes capacity and the program's questions, and the matching page says who a run would consider and why not", async () => {
    await env.DB.prepare("UPDATE programs SET match_settings = ?2 WHERE id = ?1")
      .bind(programId, JSON.stringify({ attributes: [{ key: "department", label: "Department", weight: 10 }] }))
      .run();
    const html = (await b.get(`/programs/${programId}/import`)).html;
    expect(html).toContain("<code>capacity</code>");
    expect(html).toContain("<code>Department</code>");
    await importReport(
      "email,role,name,capacity,Department\nflow-mentor@example.org,mentor,Flo,3,Finance\nflow-mentee@example.org,mentee,Mo,,Sales\nflow-zero@example.org,mentor,Zed,,\n",
    );
    const row = await env.DB.prepare(
      "SELECT p.capacity, m.attributes FROM people p JOIN memberships m ON m.person_id = p.id WHERE p.email = ?1 AND m.program_id = ?2",
    )
      .bind("flow-mentor@example.org", programId)
      .first<{ capacity: number; attributes: string }>();
    expect(row).toEqual({ capacity: 3, attributes: '{"department":"Finance"}' });
    const bad = await upload("email,role,capacity\nflow-bad@example.org,mentor,lots\n");
    expect(bad.status).toBe(303);
    expect((await b.get(bad.headers.get("Location")!)).html).toContain(
      "capacity &quot;lots&quot; must be a whole number",
    );

    const page = (await b.get(`/programs/${programId}/matching`)).html;
    expect(page).toContain("Who the next run considers");
    expect(page).toContain("0 mentees waiting for a mentor, and 0 mentors with 0 free places");
    expect(page).toMatch(/A run now would propose nothing: no mentee who has joined is waiting for a mentor\./);
    expect(page).toMatch(/\d+ invited and not joined yet/);

    // Once people join, the ones without capacity are named as such.
    await env.DB.prepare(
      "UPDATE memberships SET status = 'active' WHERE program_id = ?1 AND role IN ('mentor', 'mentee')",
    )
      .bind(programId)
      .run();
    const joined = (await b.get(`/programs/${programId}/matching`)).html;
    expect(joined).toMatch(/\d+ mentors with no capacity set/);
    expect(joined).toMatch(/1 mentor with 3 free places|[1-9]\d* mentors? with \d+ free places/);
  });

  it("a run that proposes nothing says why instead of pointing at an empty list", async () => {
    await env.DB.prepare(
      "UPDATE people SET capacity = 0 WHERE id IN (SELECT person_id FROM memberships WHERE program_id = ?1)",
    )
      .bind(programId)
      .run();
    const res = await b.post(`/programs/${programId}/matching/run`, {});
    const page = (await b.get(res.headers.get("Location")!)).html;
    expect(page).not.toContain("review the proposals below");
    expect(page).toContain("Matching finished without proposing any pair: no mentor who has joined has a free place.");
  });
});

describe("matching people who were imported and not yet joined", () => {
  it("includes them when asked, and publishing mails each their invitation with the news of the match", async () => {
    programId = await createProgramAs(b, "Early match");
    await importReport(
      "email,role,name,goals,expertise,capacity\nearly-mentor@example.org,mentor,Eli,,design,1\nearly-mentee@example.org,mentee,Eva,design,,\nearly-bare@example.org,mentee,Ben,,,\n",
    );
    const page = (await b.get(`/programs/${programId}/matching`)).html;
    expect(page).toContain('name="include_invited"');
    expect(page).toMatch(/Also match the\s+2\s+invited\s+people/);

    // Without the box ticked, nobody who has not joined is considered.
    await b.post(`/programs/${programId}/matching/run`, {});
    expect(await proposalsOf(programId)).toHaveLength(0);
    await b.post(`/programs/${programId}/matching/run`, { include_invited: "1" });
    const proposals = await proposalsOf(programId);
    expect(proposals.map((p) => [p.mentor_id, p.mentee_id])).toEqual([
      [await personId("early-mentor@example.org"), await personId("early-mentee@example.org")],
    ]);
    const runId = (await latestRun(programId))!.id as string;
    expect((await b.post(`/programs/${programId}/matching/${runId}/approve`, { all: "1" })).status).toBe(303);
    expect((await b.post(`/programs/${programId}/matching/${runId}/publish`, {})).status).toBe(303);
    // Eva has her mentor and Eli's one place is taken: neither is offered to a next run again.
    expect((await b.get(`/programs/${programId}/matching`)).html).not.toContain('name="include_invited"');

    const mail = await env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE to_email = 'early-mentee@example.org' AND kind = 'matched'",
    ).first<{ subject: string; body_text: string }>();
    expect(mail!.subject).toBe("You are invited to Early match, and matched");
    expect(mail!.body_text).toContain("You have been matched with Eli in Early match.");
    const invite = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail!.body_text)![1]!;
    const pairing = /\/pairings\/([a-z0-9]+)/.exec(mail!.body_text)![1]!;

    const eva = new Browser();
    await eva.get(`/invitations/${invite}`);
    const accepted = await eva.post(`/invitations/${invite}`, {});
    expect(accepted.status).toBe(303);
    expect(
      await count(
        "SELECT count(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'early-mentee@example.org' AND m.program_id = ? AND m.status = 'active'",
        programId,
      ),
    ).toBe(1);
    expect((await eva.get(`/pairings/${pairing}`)).res.status).toBe(200);
  });
});

/** A person's id as the import created it. */
async function personId(email: string): Promise<string> {
  return (await env.DB.prepare("SELECT id FROM people WHERE email = ?").bind(email).first<{ id: string }>())!.id;
}
