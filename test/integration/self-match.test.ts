import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, createPerson, gzipSize, signedIn } from "../helpers";

const DAY = 86_400_000;

interface Profile {
  capacity?: number;
  goals?: string[];
  expertise?: string[];
  languages?: string[];
  unavailable?: boolean;
}

/** Creates a program directly in D1 with a coordinator; returns its id. */
async function program(
  id: string,
  mode: "self" | "coordinator",
  coordinatorId: string,
  type = "one-to-one",
): Promise<string> {
  await env.DB.prepare(
    "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?, ?, ?, 12, 14, ?, ?)",
  )
    .bind(id, `Program ${id}`, type, mode, coordinatorId)
    .run();
  await join(id, coordinatorId, "coordinator");
  return id;
}

async function join(programId: string, personId: string, role: string, status = "active"): Promise<void> {
  await env.DB.prepare("INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, ?, ?)")
    .bind(programId, personId, role, status)
    .run();
}

/** Creates a person with a profile and adds them to a program in a role; returns their id. */
async function member(
  programId: string,
  email: string,
  name: string,
  role: "mentor" | "mentee",
  p: Profile = {},
): Promise<string> {
  const id = await createPerson(email, { name });
  await env.DB.prepare(
    "UPDATE people SET capacity = ?, goals = ?, expertise = ?, languages = ?, unavailable = ? WHERE id = ?",
  )
    .bind(
      p.capacity ?? (role === "mentor" ? 2 : 0),
      JSON.stringify(p.goals ?? []),
      JSON.stringify(p.expertise ?? []),
      JSON.stringify(p.languages ?? ["english"]),
      p.unavailable ? 1 : 0,
      id,
    )
    .run();
  await join(programId, id, role);
  return id;
}

/** Pairs a mentor and a mentee directly in D1. */
async function pairDirectly(programId: string, mentorId: string, menteeId: string, id: string): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO pairings (id, program_id, source, created_at) VALUES (?, ?, 'matching', ?)").bind(
      id,
      programId,
      Date.now(),
    ),
    env.DB.prepare(
      "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, ?, 'mentor', ?), (?, ?, 'mentee', ?)",
    ).bind(id, mentorId, programId, id, menteeId, programId),
  ]);
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

async function requestRow(menteeId: string, mentorId: string) {
  return env.DB.prepare(
    "SELECT * FROM match_requests WHERE mentee_id = ? AND mentor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
  )
    .bind(menteeId, mentorId)
    .first<{
      id: string;
      status: string;
      message: string;
      reason: string;
      score: number;
      created_at: number;
      expires_at: number;
      decided_at: number | null;
      pairing_id: string | null;
    }>();
}

async function mail(to: string, kind: string) {
  return env.DB.prepare(
    "SELECT subject, body_text FROM notifications WHERE to_email = ? AND kind = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
  )
    .bind(to, kind)
    .first<{ subject: string; body_text: string }>();
}

const P = "sm";
const ids: Record<string, string> = {};

beforeAll(async () => {
  ids.coord = await createPerson("sm-coord@example.org", { canCreatePrograms: true, name: "Cora" });
  await program(P, "self", ids.coord);
  ids.ana = await member(P, "ana@example.org", "Ana Alves", "mentor", { capacity: 3, expertise: ["python", "sql"] });
  ids.ben = await member(P, "ben@example.org", "Ben Bauer", "mentor", { capacity: 1, expertise: ["python"] });
  ids.cal = await member(P, "cal@example.org", "Cal Full", "mentor", { capacity: 1, expertise: ["python", "sql"] });
  ids.dee = await member(P, "dee@example.org", "Dee Away", "mentor", {
    capacity: 2,
    expertise: ["python", "sql"],
    unavailable: true,
  });
  ids.eve = await member(P, "eve@example.org", "Eve Zero", "mentor", { capacity: 0, expertise: ["python", "sql"] });
  ids.fay = await member(P, "fay@example.org", "Fay Avoided", "mentor", { capacity: 2, expertise: ["python", "sql"] });
  ids.mia = await member(P, "mia@example.org", "Mia Moreau", "mentee", { goals: ["python", "sql"] });
  ids.noa = await member(P, "noa@example.org", "Noa Nagy", "mentee", { goals: ["python"] });
  ids.ola = await member(P, "ola@example.org", "Ola Okafor", "mentee", { goals: ["sql"] });
  ids.pia = await member(P, "pia@example.org", "Pia Paired", "mentee", { goals: ["python"] });
  await pairDirectly(P, ids.cal, ids.pia, "pair-cal-pia");
  await env.DB.prepare("INSERT INTO match_avoids (program_id, person_id, avoid_id, created_at) VALUES (?, ?, ?, 0)")
    .bind(P, ids.fay, ids.mia)
    .run();
});

describe("the mentors page", () => {
  it("ranks mentors with free capacity by score with reasons, leaving out full, unavailable and ruled-out ones", async () => {
    const mia = await signedIn("mia@example.org");
    const { res, html } = await mia.get(`/programs/${P}/mentors`);
    expect(res.status).toBe(200);
    expect(html).toContain("Choose a mentor");
    expect(html.indexOf("Ana Alves")).toBeGreaterThan(0);
    expect(html.indexOf("Ben Bauer")).toBeGreaterThan(html.indexOf("Ana Alves"));
    for (const hidden of ["Cal Full", "Dee Away", "Eve Zero", "Fay Avoided"])
      expect(html, hidden).not.toContain(hidden);
    expect(html).toMatch(/Ana Alves<\/strong> · match score 60/);
    expect(html).toMatch(/Ben Bauer<\/strong> · match score 40/);
    expect(html).toContain("shares 2 goals: python, sql");
    expect(html).toContain(`name="mentor_id" value="${ids.ana}"`);
    expect(html).toContain("You can have one open request at a time");
  });

  it("pages 25 mentors at a time and stays under 14 KB compressed", async () => {
    const coord = ids.coord!;
    await program("big", "self", coord);
    for (let i = 0; i < 30; i++) {
      const n = String(i).padStart(2, "0");
      await member("big", `big-mentor${n}@example.org`, `Mentor Number ${n} With A Fairly Long Name`, "mentor", {
        capacity: 1,
        expertise: ["python", "sql", `topic-${n}`],
      });
    }
    const menteeId = await createPerson("big-mentee@example.org", { name: "Big Mentee" });
    await join("big", menteeId, "mentee");
    const b = await signedIn("big-mentee@example.org");
    const first = await b.get("/programs/big/mentors");
    expect(first.res.status).toBe(200);
    expect(first.html.match(/<li id="mentor-/g)).toHaveLength(25);
    expect(first.html).toContain("Page 1 of 2");
    expect(await gzipSize(first.html)).toBeLessThan(14_000);
    const second = await b.get("/programs/big/mentors?page=2");
    expect(second.html.match(/<li id="mentor-/g)).toHaveLength(5);
    expect(second.html).toContain('<ol class="cards" start="26">');
  });
});

describe("a request, accepted", () => {
  it("mails the mentor, and accepting creates the pairing and mails the mentee", async () => {
    const mia = await signedIn("mia@example.org");
    await mia.get(`/programs/${P}/mentors`);
    const res = await mia.post(`/programs/${P}/requests`, {
      mentor_id: ids.ana!,
      message: "Hello Ana,\nI would love to learn SQL with you.",
      page: "1",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/programs/${P}/me?done=requested`);
    const row = (await requestRow(ids.mia!, ids.ana!))!;
    expect(row.status).toBe("pending");
    expect(row.message).toBe("Hello Ana,\nI would love to learn SQL with you.");
    expect(row.score).toBe(60);
    expect(row.expires_at - row.created_at).toBe(7 * DAY);
    const asked = (await mail("ana@example.org", "match-request"))!;
    expect(asked.subject).toBe("Mia Moreau asked you to be their mentor");
    expect(asked.body_text).toContain(`https://trellis.test/programs/${P}/me`);
    expect(asked.body_text).toContain("I would love to learn SQL with you.");

    const mine = (await mia.get(`/programs/${P}/me?done=requested`)).html;
    expect(mine).toContain("Your request was sent");
    expect(mine).toContain("Ana Alves</strong> — waiting for an answer");
    expect(mine).toContain(`/requests/${row.id}/withdraw`);
    expect((await mia.get(`/programs/${P}/mentors`)).html).toContain("You asked Ana Alves; waiting for an answer.");

    const ana = await signedIn("ana@example.org");
    const incoming = (await ana.get(`/programs/${P}/me`)).html;
    expect(incoming).toContain("Mia Moreau</strong> asks you to be their mentor");
    expect(incoming).toContain("Hello Ana,<br/>I would love to learn SQL with you.");
    expect(incoming).toContain("You have 3 free places for new mentees.");
    const accept = await ana.post(`/programs/${P}/requests/${row.id}/accept`, {});
    expect(accept.status).toBe(303);
    expect(accept.headers.get("Location")).toBe(`/programs/${P}/me?done=accepted`);

    const accepted = (await requestRow(ids.mia!, ids.ana!))!;
    expect(accepted.status).toBe("accepted");
    expect(accepted.pairing_id).toBeTruthy();
    const pairing = await env.DB.prepare("SELECT program_id, source, stage, ended_at FROM pairings WHERE id = ?")
      .bind(accepted.pairing_id)
      .first();
    expect(pairing).toEqual({ program_id: P, source: "self-match", stage: "onboarding", ended_at: null });
    const members = await env.DB.prepare(
      "SELECT person_id, role, program_id FROM pairing_members WHERE pairing_id = ? ORDER BY role",
    )
      .bind(accepted.pairing_id)
      .all();
    expect(members.results).toEqual([
      { person_id: ids.mia, role: "mentee", program_id: P },
      { person_id: ids.ana, role: "mentor", program_id: P },
    ]);
    const told = (await mail("mia@example.org", "match-accepted"))!;
    expect(told.subject).toBe("Ana Alves accepted your request");
    expect(told.body_text).toContain(`/programs/${P}/me`);

    const after = (await mia.get(`/programs/${P}/me`)).html;
    expect(after).toContain("You are the mentee</strong> with Ana Alves (mentor, ana@example.org)");
    expect(after).toContain("Ana Alves</strong> — accepted");
    expect(after).toContain("You have all the mentors this program allows.");
    expect((await ana.get(`/programs/${P}/me`)).html).toContain(
      "You are the mentor</strong> with Mia Moreau (mentee, mia@example.org)",
    );

    const again = await ana.post(`/programs/${P}/requests/${row.id}/accept`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This request was already accepted, so nothing was changed.");
    expect(await count("SELECT count(*) AS n FROM pairings WHERE program_id = ? AND source = 'self-match'", P)).toBe(1);

    const more = await mia.post(`/programs/${P}/requests`, { mentor_id: ids.ben!, message: "A second mentor?" });
    expect(more.status).toBe(409);
    expect(await more.text()).toContain("You already have all the mentors this program allows");
    expect(await requestRow(ids.mia!, ids.ben!)).toBeNull();
  });
});

describe("declining and withdrawing", () => {
  it("declines with a reason, mails the mentee, and the mentee can't ask that mentor again", async () => {
    const noa = await signedIn("noa@example.org");
    expect((await noa.post(`/programs/${P}/requests`, { mentor_id: ids.ben!, message: "Hi Ben" })).status).toBe(303);
    const row = (await requestRow(ids.noa!, ids.ben!))!;
    const ben = await signedIn("ben@example.org");
    const res = await ben.post(`/programs/${P}/requests/${row.id}/decline`, { reason: "  I am away all of March.  " });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/programs/${P}/me?done=declined`);
    const declined = (await requestRow(ids.noa!, ids.ben!))!;
    expect(declined.status).toBe("declined");
    expect(declined.reason).toBe("I am away all of March.");
    expect(declined.decided_at).toBeGreaterThan(0);
    const told = (await mail("noa@example.org", "match-declined"))!;
    expect(told.subject).toBe("Ben Bauer declined your request");
    expect(told.body_text).toContain("Their reason:\n\nI am away all of March.");
    expect(told.body_text).toContain(`/programs/${P}/mentors`);
    expect(
      await count(
        "SELECT count(*) AS n FROM pairings p JOIN pairing_members m ON m.pairing_id = p.id WHERE m.person_id = ?",
        ids.noa,
      ),
    ).toBe(0);

    const page = (await noa.get(`/programs/${P}/me`)).html;
    expect(page).toContain("Ben Bauer</strong> — declined");
    expect(page).toContain("Reason: I am away all of March.");
    expect((await noa.get(`/programs/${P}/mentors`)).html).not.toContain("Ben Bauer");
    const again = await noa.post(`/programs/${P}/requests`, { mentor_id: ids.ben!, message: "Please?" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("declined a request from you");
    expect(
      await count("SELECT count(*) AS n FROM match_requests WHERE mentee_id = ? AND mentor_id = ?", ids.noa, ids.ben),
    ).toBe(1);
  });

  it("declines without a reason too", async () => {
    const noa = await signedIn("noa@example.org");
    expect((await noa.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Hi Ana" })).status).toBe(303);
    const row = (await requestRow(ids.noa!, ids.ana!))!;
    const ana = await signedIn("ana@example.org");
    expect((await ana.post(`/programs/${P}/requests/${row.id}/decline`, {})).status).toBe(303);
    expect((await requestRow(ids.noa!, ids.ana!))!.status).toBe("declined");
    expect((await mail("noa@example.org", "match-declined"))!.body_text).not.toContain("Their reason");
  });

  it("withdraws a request; the mentor can then no longer accept it, and the mentee may ask again", async () => {
    const ola = await signedIn("ola@example.org");
    expect((await ola.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "First try" })).status).toBe(303);
    const row = (await requestRow(ids.ola!, ids.ana!))!;
    const res = await ola.post(`/programs/${P}/requests/${row.id}/withdraw`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/programs/${P}/me?done=withdrawn`);
    expect((await requestRow(ids.ola!, ids.ana!))!.status).toBe("withdrawn");
    expect((await ola.get(`/programs/${P}/me?done=withdrawn`)).html).toContain("Your request was withdrawn.");

    const ana = await signedIn("ana@example.org");
    const accept = await ana.post(`/programs/${P}/requests/${row.id}/accept`, {});
    expect(accept.status).toBe(409);
    expect(await accept.text()).toContain("This request was withdrawn, so it can&#39;t be answered any more.");
    const twice = await ola.post(`/programs/${P}/requests/${row.id}/withdraw`, {});
    expect(twice.status).toBe(409);
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ?", ids.ola)).toBe(0);

    expect((await ola.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Second try" })).status).toBe(
      303,
    );
    expect((await requestRow(ids.ola!, ids.ana!))!.message).toBe("Second try");
  });
});

describe("expiry", () => {
  it("treats a pending request past its expiry as expired: accepting says so and pairs nobody", async () => {
    const zed = await member(P, "zed@example.org", "Zed Late", "mentee", { goals: ["python"] });
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, message, status, score, created_at, expires_at) VALUES ('late-req', ?, ?, ?, 'Old request', 'pending', 50, ?, ?)",
    )
      .bind(P, zed, ids.ana, now - 8 * DAY, now - DAY)
      .run();
    const ana = await signedIn("ana@example.org");
    const res = await ana.post(`/programs/${P}/requests/late-req/accept`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This request has expired");
    const row = (await requestRow(zed, ids.ana!))!;
    expect(row.status).toBe("expired");
    expect(row.decided_at).toBe(now - DAY);
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ?", zed)).toBe(0);
    expect((await ana.post(`/programs/${P}/requests/late-req/decline`, { reason: "late" })).status).toBe(409);
    expect(
      await count("SELECT count(*) AS n FROM notifications WHERE to_email = 'zed@example.org' AND kind LIKE 'match-%'"),
    ).toBe(0);

    const b = await signedIn("zed@example.org");
    const page = (await b.get(`/programs/${P}/me`)).html;
    expect(page).toContain("Ana Alves</strong> — expired without an answer");
    expect(page).not.toContain("/requests/late-req/withdraw");
  });

  it("shows an overdue request as expired before anyone acts, and frees the mentee to ask again", async () => {
    const yan = await member(P, "yan@example.org", "Yan Waiting", "mentee", { goals: ["python"] });
    const b = await signedIn("yan@example.org");
    expect((await b.post(`/programs/${P}/requests`, { mentor_id: ids.ben!, message: "Hello Ben" })).status).toBe(303);
    const blocked = await b.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Hello Ana" });
    expect(blocked.status).toBe(409);
    expect(await blocked.text()).toContain("You can have one open request at a time");
    await env.DB.prepare("UPDATE match_requests SET expires_at = ? WHERE mentee_id = ?")
      .bind(Date.now() - 1000, yan)
      .run();
    expect((await b.get(`/programs/${P}/me`)).html).toContain("Ben Bauer</strong> — expired without an answer");
    expect((await requestRow(yan, ids.ben!))!.status).toBe("expired");
    expect((await b.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Hello Ana" })).status).toBe(303);
  });
});

describe("two accepts racing for a mentor's last place", () => {
  it("lets exactly one through; the other gets a clear 409", async () => {
    const rio = await member(P, "rio@example.org", "Rio Last", "mentor", { capacity: 1, expertise: ["python"] });
    const menteeIds: string[] = [];
    for (const name of ["una", "vic"]) {
      const id = await member(P, `${name}@example.org`, name.toUpperCase(), "mentee", { goals: ["python"] });
      menteeIds.push(id);
      const b = await signedIn(`${name}@example.org`);
      expect((await b.post(`/programs/${P}/requests`, { mentor_id: rio, message: `Hi from ${name}` })).status).toBe(
        303,
      );
    }
    const requests = await Promise.all(menteeIds.map((m) => requestRow(m, rio)));
    const mentor = await signedIn("rio@example.org");
    await mentor.get(`/programs/${P}/me`);
    const answers = await Promise.all(requests.map((r) => mentor.post(`/programs/${P}/requests/${r!.id}/accept`, {})));
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    const text = await loser.text();
    expect(text).toContain("Your last free place was just taken");
    expect(text).toContain("<html");
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ? AND role = 'mentor'", rio)).toBe(
      1,
    );
    expect(
      await count("SELECT count(*) AS n FROM pairing_members WHERE person_id IN (?, ?)", menteeIds[0], menteeIds[1]),
    ).toBe(1);
    const statuses = (await Promise.all(menteeIds.map((m) => requestRow(m, rio)))).map((r) => r!.status).sort();
    expect(statuses).toEqual(["accepted", "pending"]);
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE kind = 'match-accepted' AND to_email IN ('una@example.org', 'vic@example.org')",
      ),
    ).toBe(1);
    expect((await mentor.get(`/programs/${P}/me`)).html).toContain("You have no free place for another mentee.");
  });
});

describe("limits on mentees", () => {
  it("keeps a mentee to their open-request limit when many requests are sent at once", async () => {
    await program("race", "self", ids.coord!);
    await env.DB.prepare("UPDATE programs SET match_settings = ? WHERE id = 'race'")
      .bind(JSON.stringify({ maxMentorsPerMentee: 2 }))
      .run();
    const mentors = await Promise.all(
      ["a", "b", "c", "d", "e", "f"].map((n) =>
        member("race", `race-${n}@example.org`, `Race ${n}`, "mentor", { capacity: 1, expertise: ["python"] }),
      ),
    );
    const xia = await member("race", "yuki@example.org", "Yuki Race", "mentee", { goals: ["python"] });
    await env.DB.prepare("UPDATE memberships SET wants = 2 WHERE program_id = 'race' AND person_id = ?")
      .bind(xia)
      .run();
    const x = await signedIn("yuki@example.org");
    await x.get("/programs/race/mentors");
    const answers = await Promise.all(
      mentors.map((m, i) => x.post("/programs/race/requests", { mentor_id: m!, message: `Request ${i}` })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 303, 409, 409, 409, 409]);
    for (const r of answers) await r.arrayBuffer();
    expect(
      await count("SELECT count(*) AS n FROM match_requests WHERE mentee_id = ? AND status = 'pending'", xia),
    ).toBe(2);
    expect(
      await count("SELECT count(*) AS n FROM notifications WHERE kind = 'match-request' AND to_email LIKE 'race-%'"),
    ).toBe(2);
  });

  it("lets a mentee with room for two keep two requests open, and closes the rest once they have both mentors", async () => {
    await program("two", "self", ids.coord!);
    await env.DB.prepare("UPDATE programs SET match_settings = ? WHERE id = 'two'")
      .bind(JSON.stringify({ maxMentorsPerMentee: 2 }))
      .run();
    const [m1, m2, m3] = await Promise.all(
      ["one", "two", "three"].map((n) =>
        member("two", `two-${n}@example.org`, `Two ${n}`, "mentor", { capacity: 1, expertise: ["python"] }),
      ),
    );
    const wen = await member("two", "wen@example.org", "Wen Two", "mentee", { goals: ["python"] });
    await env.DB.prepare("UPDATE memberships SET wants = 2 WHERE program_id = 'two' AND person_id = ?").bind(wen).run();
    const w = await signedIn("wen@example.org");
    expect((await w.get("/programs/two/mentors")).html).toContain("You can have up to 2 open requests at a time");
    expect((await w.post("/programs/two/requests", { mentor_id: m1!, message: "One" })).status).toBe(303);
    expect((await w.post("/programs/two/requests", { mentor_id: m2!, message: "Two" })).status).toBe(303);
    const third = await w.post("/programs/two/requests", { mentor_id: m3!, message: "Three" });
    expect(third.status).toBe(409);
    expect(await third.text()).toContain("You can have up to 2 open requests at a time");

    await pairDirectly("two", m3!, wen, "pair-two-three");
    const first = (await requestRow(wen, m1!))!;
    expect(
      (await (await signedIn("two-one@example.org")).post(`/programs/two/requests/${first.id}/accept`, {})).status,
    ).toBe(303);
    const other = (await requestRow(wen, m2!))!;
    expect(other.status).toBe("withdrawn");
    expect(other.reason).toBe("Closed for you: the mentee now has all the mentors the program allows.");
    const mentorTwo = await signedIn("two-two@example.org");
    const page = (await mentorTwo.get("/programs/two/me")).html;
    expect(page).toContain("Wen Two</strong> — withdrawn");
    expect(page).toContain("No open requests.");
    expect((await mentorTwo.post(`/programs/two/requests/${other.id}/accept`, {})).status).toBe(409);
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ? AND role = 'mentee'", wen)).toBe(
      2,
    );
    expect((await w.get("/programs/two/me")).html.match(/You are the mentee<\/strong>/g)).toHaveLength(2);
  });

  it("refuses an acceptance when the mentee got all their mentors another way meanwhile", async () => {
    await program("one", "self", ids.coord!);
    const asked = await member("one", "one-asked@example.org", "Asked Mentor", "mentor", { capacity: 2 });
    const other = await member("one", "one-other@example.org", "Other Mentor", "mentor", { capacity: 2 });
    const xia = await member("one", "xia@example.org", "Xia One", "mentee");
    expect(
      (await (await signedIn("xia@example.org")).post("/programs/one/requests", { mentor_id: asked, message: "Hi" }))
        .status,
    ).toBe(303);
    await pairDirectly("one", other, xia, "pair-one-other");
    const row = (await requestRow(xia, asked))!;
    const res = await (await signedIn("one-asked@example.org")).post(`/programs/one/requests/${row.id}/accept`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This mentee already has all the mentors the program allows");
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ?", asked)).toBe(0);
    expect((await requestRow(xia, asked))!.status).toBe("pending");
  });

  it("shows a busy mentor the 10 requests that expire soonest, under 14 KB compressed", async () => {
    await program("busy", "self", ids.coord!);
    const mentor = await member("busy", "busy-mentor@example.org", "Busy Mentor", "mentor", {
      capacity: 5,
      expertise: ["python"],
    });
    const words = [
      "learn",
      "python",
      "career",
      "growth",
      "weekly",
      "calls",
      "feedback",
      "project",
      "goals",
      "data",
      "team",
      "lead",
    ];
    let seed = 7;
    const nextWord = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return words[seed % words.length];
    };
    const text = () => Array.from({ length: 400 }, nextWord).join(" ").slice(0, 1000);
    const now = Date.now();
    for (let i = 0; i < 12; i++) {
      const mentee = await member("busy", `busy${i}@example.org`, `Busy Mentee ${i}`, "mentee", { goals: ["python"] });
      await env.DB.prepare(
        "INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, message, status, score, created_at, expires_at) VALUES (?, 'busy', ?, ?, ?, 'pending', 40, ?, ?)",
      )
        .bind(`busy-req-${i}`, mentee, mentor, text(), now, now + (i + 1) * DAY)
        .run();
    }
    const { html } = await (await signedIn("busy-mentor@example.org")).get("/programs/busy/me");
    expect(html.match(/<li id="request-/g)).toHaveLength(10);
    expect(html).toContain('id="request-busy-req-0"');
    expect(html).not.toContain('id="request-busy-req-11"');
    expect(html).toContain("2 more open requests will show here");
    expect(await gzipSize(html)).toBeLessThan(14_000);
  });
});

describe("access", () => {
  it("lets only the mentor answer and only the mentee withdraw", async () => {
    const tia = await member(P, "tia@example.org", "Tia Third", "mentee", { goals: ["sql"] });
    const tiaB = await signedIn("tia@example.org");
    expect((await tiaB.post(`/programs/${P}/requests`, { mentor_id: ids.ben!, message: "Hello" })).status).toBe(303);
    const row = (await requestRow(tia, ids.ben!))!;

    const noa = await signedIn("noa@example.org");
    for (const action of ["accept", "decline", "withdraw"]) {
      const res = await noa.post(`/programs/${P}/requests/${row.id}/${action}`, { reason: "" });
      expect(res.status, action).toBe(403);
      expect(await res.text()).toContain("Not available to you");
    }
    const ana = await signedIn("ana@example.org");
    expect((await ana.post(`/programs/${P}/requests/${row.id}/accept`, {})).status).toBe(403);
    expect((await ana.post(`/programs/${P}/requests/${row.id}/withdraw`, {})).status).toBe(403);
    expect((await tiaB.post(`/programs/${P}/requests/${row.id}/accept`, {})).status).toBe(403);
    expect((await requestRow(tia, ids.ben!))!.status).toBe("pending");
    expect((await ana.post(`/programs/${P}/requests/no-such-request/accept`, {})).status).toBe(404);
    expect((await ana.get(`/programs/${P}/mentors`)).res.status).toBe(403);
  });

  it("keeps strangers out, sends coordinators to their overview, and answers 404 for unknown programs", async () => {
    await createPerson("stranger@example.org");
    const stranger = await signedIn("stranger@example.org");
    for (const path of ["me", "mentors"]) {
      const { res, html } = await stranger.get(`/programs/${P}/${path}`);
      expect(res.status, path).toBe(403);
      expect(html).toContain("Not available to you");
    }
    const row = (await requestRow(ids.ola!, ids.ana!))!;
    expect((await stranger.post(`/programs/${P}/requests/${row.id}/accept`, {})).status).toBe(403);
    expect((await stranger.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Hi" })).status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM match_requests WHERE mentee_id = 'p-strangerexampleorg'")).toBe(0);
    expect((await stranger.get("/programs/nope/me")).res.status).toBe(404);

    const invited = await createPerson("invited@example.org");
    await join(P, invited, "mentee", "invited");
    expect((await (await signedIn("invited@example.org")).get(`/programs/${P}/me`)).res.status).toBe(403);

    const coord = await signedIn("sm-coord@example.org");
    const res = await coord.fetch(`/programs/${P}/me`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/programs/${P}`);

    const visitor = new Browser();
    const out = await visitor.fetch(`/programs/${P}/mentors`);
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe(`/signin?next=${encodeURIComponent(`/programs/${P}/mentors`)}`);
  });

  it("refuses the mentors page and requests clearly in a coordinator-matched program, but shows the participant page", async () => {
    await program("led", "coordinator", ids.coord!);
    await join("led", ids.noa!, "mentee");
    await join("led", ids.ana!, "mentor");
    const noa = await signedIn("noa@example.org");
    const { res, html } = await noa.get("/programs/led/mentors");
    expect(res.status).toBe(403);
    expect(html).toContain("In this program the coordinators match mentors and mentees");
    const post = await noa.post("/programs/led/requests", { mentor_id: ids.ana!, message: "Hi" });
    expect(post.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM match_requests WHERE program_id = 'led'")).toBe(0);
    const me = await noa.get("/programs/led/me");
    expect(me.res.status).toBe(200);
    expect(me.html).toContain("You will get an email when you are matched.");
    expect(me.html).not.toContain("/mentors");
  });

  it("links mentor and mentee memberships from the home page to the participant page", async () => {
    const noa = await signedIn("noa@example.org");
    const html = (await noa.get("/")).html;
    expect(html).toContain(`href="/programs/${P}/me"`);
    expect(html).toContain('href="/programs/led/me"');
    expect((await (await signedIn("sm-coord@example.org")).get("/")).html).toContain(`href="/programs/${P}"`);
  });
});

describe("bad input", () => {
  it("keeps the typed message on the request form and stores nothing", async () => {
    const sam = await member(P, "sam@example.org", "Sam Typed", "mentee", { goals: ["python"] });
    const b = await signedIn("sam@example.org");
    const stored = () => count("SELECT count(*) AS n FROM match_requests WHERE mentee_id = ?", sam);
    const mails = () => count("SELECT count(*) AS n FROM notifications WHERE kind = 'match-request'");
    const mailsBefore = await mails();

    const long = "My long story. ".repeat(70);
    const tooLong = await b.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: long, page: "1" });
    expect(tooLong.status).toBe(422);
    const html = await tooLong.text();
    expect(html).toContain("Keep your message under 1,000 characters.");
    // What was typed comes back, cut to the field's limit: the form keeps the text but never more than it may hold.
    expect(html).toContain(`\n${long.slice(0, 1000)}</textarea>`);
    expect(html).toMatch(/<details open=""><summary>Ask Ana Alves/);

    const empty = await b.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write a few words to the mentor");

    const unknown = await b.post(`/programs/${P}/requests`, {
      mentor_id: "nobody-here",
      message: "Kept words for nobody",
    });
    expect(unknown.status).toBe(422);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain("That mentor can&#39;t be asked");
    expect(unknownHtml).toContain("Kept words for nobody");

    const full = await b.post(`/programs/${P}/requests`, {
      mentor_id: ids.cal!,
      message: "Kept words for a full mentor",
    });
    expect(full.status).toBe(422);
    expect(await full.text()).toContain("Kept words for a full mentor");

    const noCsrf = await b.post(`/programs/${P}/requests`, { _csrf: "", mentor_id: ids.ana!, message: "Hi" });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.text()).toContain("That form has expired");

    expect(await stored()).toBe(0);
    expect(await mails()).toBe(mailsBefore);
  });

  it("keeps a too-long decline reason on the form and leaves the request open", async () => {
    const kim = await member(P, "kim@example.org", "Kim Keep", "mentee", { goals: ["sql"] });
    const k = await signedIn("kim@example.org");
    expect((await k.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "Hi Ana" })).status).toBe(303);
    const row = (await requestRow(kim, ids.ana!))!;
    const ana = await signedIn("ana@example.org");
    const reason = "Sorry, ".repeat(80);
    const res = await ana.post(`/programs/${P}/requests/${row.id}/decline`, { reason });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Keep the reason under 500 characters.");
    expect(html).toContain(`\n${reason.slice(0, 500)}</textarea>`);
    expect(html).toContain(`id="e-reason-${row.id}"`);
    const noCsrf = await ana.post(`/programs/${P}/requests/${row.id}/accept`, {
      _csrf: "wrong-token-wrong-token-wrong",
    });
    expect(noCsrf.status).toBe(403);
    const after = (await requestRow(kim, ids.ana!))!;
    expect(after.status).toBe("pending");
    expect(after.reason).toBe("");
    expect(await mail("kim@example.org", "match-declined")).toBeNull();
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE person_id = ?", kim)).toBe(0);
  });

  it("answers htmx posts with a fragment on errors and an HX-Location on success", async () => {
    const lou = await member(P, "lou@example.org", "Lou Htmx", "mentee", { goals: ["python"] });
    const b = await signedIn("lou@example.org");
    const bad = await b.post(`/programs/${P}/requests`, { mentor_id: ids.ana!, message: "" }, { "HX-Request": "true" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("Choose a mentor");
    const ok = await b.post(
      `/programs/${P}/requests`,
      { mentor_id: ids.ana!, message: "Hi" },
      { "HX-Request": "true" },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("HX-Location")).toBe(`/programs/${P}/me?done=requested`);
    expect((await requestRow(lou, ids.ana!))!.status).toBe("pending");
  });
});
