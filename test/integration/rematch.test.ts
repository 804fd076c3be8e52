/**
 * Rematching a person: ranked eligible candidates, a confirmation that changes nothing, then end → new pairing → mails
 * → one audit entry.
 */
import { englishAll } from "../english";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runRematch } from "../../worker/coordinator/rematch-run";
import { pairingsOf } from "../../worker/coordinator/rematch-page-data";
import { roomOf } from "../../worker/pairings/access";
import { Browser, signedIn } from "../helpers";
import { addMember, type MemberSpec } from "../matching-fixture";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let group: TestPairing;
let coordinator: Browser;
let mentee: string;
let oldMentor: string;
const ids: Record<string, string> = {};
const url = (personId = mentee, programId = p.programId) => `/programs/${programId}/rematch/${personId}`;
const keyOf = (html: string) => /name="_key" value="([0-9a-f]{24})"/.exec(html)?.[1] ?? "";
const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;
const pairingCount = () => count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1", p.programId);
const auditRows = () =>
  env.DB.prepare(
    "SELECT id, actor_id, pairing_id, subject_id, detail FROM audit_log WHERE program_id = ?1 AND action = 'person.rematch'",
  )
    .bind(p.programId)
    .all<{ id: string; actor_id: string; pairing_id: string; subject_id: string; detail: string }>();
const stageOf = async (id: string) => {
  await roomOf(env, id).flushProjection();
  return (await env.DB.prepare("SELECT stage, stage_reason, ended_at FROM pairings WHERE id = ?1")
    .bind(id)
    .first<{ stage: string; stage_reason: string; ended_at: number | null }>())!;
};

beforeAll(async () => {
  p = await makePairing("rm", ["mentor-rm@example.org", "mentee-rm@example.org"], "active");
  [oldMentor, mentee] = p.memberIds as [string, string];
  await env.DB.prepare("UPDATE people SET goals = '[\"finance\",\"leadership\"]', name = 'Mia Mentee' WHERE id = ?1")
    .bind(mentee)
    .run();
  const mentor = (email: string, extra: Partial<MemberSpec>) =>
    addMember(p.programId, { email, role: "mentor", capacity: 1, ...extra });
  ids.best = await mentor("best-rm@example.org", { name: "Bea Best", expertise: ["finance", "leadership"] });
  ids.fair = await mentor("fair-rm@example.org", { name: "Finn Fair", expertise: ["finance"] });
  ids.full = await mentor("full-rm@example.org", {
    name: "Fay Full",
    expertise: ["finance", "leadership"],
    capacity: 0,
  });
  ids.away = await mentor("away-rm@example.org", {
    name: "Abe Away",
    expertise: ["finance", "leadership"],
    unavailable: true,
  });
  ids.avoided = await mentor("avoid-rm@example.org", { name: "Ava Avoided", expertise: ["finance", "leadership"] });
  await env.DB.prepare("INSERT INTO match_avoids (program_id, person_id, avoid_id, created_at) VALUES (?1, ?2, ?3, 1)")
    .bind(p.programId, mentee, ids.avoided)
    .run();
  group = await makePairing("rmg", ["lead-rmg@example.org", "one-rmg@example.org", "two-rmg@example.org"], "active");
  ids.groupOther = await addMember(group.programId, { email: "spare-rmg@example.org", role: "mentor", capacity: 2 });
  coordinator = await signedIn("coord-rm@example.org");
});

describe("the rematch page", () => {
  it("lists only eligible new partners, best match first, with their reasons", async () => {
    const { res, html } = await coordinator.get(url());
    expect(res.status).toBe(200);
    expect(html).toContain("Rematch Mia Mentee");
    expect(html).toContain(`href="/programs/${p.programId}/pairings/${p.pairingId}">With mentor-rm</a> · Active`);
    expect(html).toContain(`name="leave" value="${p.pairingId}"`);
    const best = html.indexOf(`value="${ids.best}"`);
    const fair = html.indexOf(`value="${ids.fair}"`);
    expect(best).toBeGreaterThan(0);
    expect(fair).toBeGreaterThan(best);
    expect(html).toContain("shares 2 goals: finance, leadership");
    for (const excluded of [ids.full, ids.away, ids.avoided, oldMentor])
      expect(html).not.toContain(`value="${excluded}"`);
  });

  it("links each member of a pairing summary to their rematch page", async () => {
    const { html } = await coordinator.get(`/programs/${p.programId}/pairings/${p.pairingId}`);
    expect(html).toContain(`<a href="${url()}">Rematch Mia Mentee</a>`);
    expect(html).toContain(`<a href="${url(oldMentor)}">Rematch mentor-rm</a>`);
  });
});

describe("a person with no current pairing and many possible mentors", () => {
  it("lists the best 20 within the page budget and ends nothing", async () => {
    const programId = group.programId;
    const loner = await addMember(programId, {
      email: "loner-rmg@example.org",
      role: "mentee",
      name: "Lou Loner",
      goals: ["python"],
    });
    for (let i = 0; i < 22; i++)
      await addMember(programId, {
        email: `many${String(i).padStart(2, "0")}-rmg@example.org`,
        role: "mentor",
        capacity: 1,
        expertise: i % 2 ? ["python"] : [],
      });
    const groupCoord = await signedIn("coord-rmg@example.org");
    const { res, html } = await groupCoord.get(url(loner, programId));
    expect(res.status).toBe(200);
    expect(html).toContain(
      "Lou Loner has no current pairing here as a mentee: the new pairing starts without ending another.",
    );
    expect(html.match(/name="candidate"/g)).toHaveLength(20);
    expect(html).toContain("the first 20");
    expect(html).not.toContain('name="leave"');
    const gzipped = await new Response(
      new Blob([html]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThan(14 * 1024);
    const review = await groupCoord.post(url(loner, programId), {
      candidate: ids.groupOther!,
      reason: "Needs a mentor",
    });
    expect(review.status).toBe(200);
    expect(await review.text()).toContain("Lou Loner has no current pairing here, so no pairing ends.");
  });
});

describe("bad input", () => {
  it("keeps the values and says what is wrong, changing nothing", async () => {
    const none = await coordinator.post(url(), { leave: p.pairingId, reason: "Goals differ", as: "mentee" });
    expect(none.status).toBe(422);
    const noneHtml = await none.text();
    expect(noneHtml).toContain("Choose the new partner.");
    expect(noneHtml).toMatch(/<textarea[^>]*name="reason"[^>]*>\s*Goals differ<\/textarea>/);

    const empty = await coordinator.post(url(), { candidate: ids.best!, reason: "   " });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Say why: the reason is saved with the ended pairing");
    expect(emptyHtml).toMatch(new RegExp(`value="${ids.best}" checked`));

    const long = await coordinator.post(url(), { candidate: ids.best!, reason: "x".repeat(490) });
    expect(long.status).toBe(422);
    const longHtml = await long.text();
    expect(longHtml).toContain("Keep the reason to 489 characters; this one is 490.");
    // The typed reason comes back cut to the field's limit.
    expect(longHtml).toContain(`\n${"x".repeat(489)}</textarea>`);

    const full = await coordinator.post(url(), { candidate: ids.full!, reason: "Goals differ" });
    expect(full.status).toBe(422);
    expect(await full.text()).toContain("Fay Full can&#39;t be paired with Mia Mentee now: no free place left.");
    const partner = await coordinator.post(url(), { candidate: oldMentor, reason: "Goals differ" });
    expect(partner.status).toBe(422);
    expect(await partner.text()).toContain("they are paired with each other now");
    const stranger = await coordinator.post(url(), { candidate: "p-nobody", reason: "Goals differ" });
    expect(stranger.status).toBe(422);
    expect(await stranger.text()).toContain("Choose one of the people listed.");
    const badLeave = await coordinator.post(url(), {
      candidate: ids.best!,
      leave: "elsewhere",
      reason: "Goals differ",
    });
    expect(badLeave.status).toBe(422);
    const badKey = await coordinator.post(url(), {
      candidate: ids.best!,
      reason: "Goals differ",
      _key: "nope",
      _step: "confirm",
    });
    expect(badKey.status).toBe(400);

    expect((await coordinator.get(url("p-nobody"))).res.status).toBe(404);
    expect((await coordinator.get(url(p.coordinatorId))).res.status).toBe(404);
    expect((await coordinator.post(url("%00%ff"), { candidate: ids.best!, reason: "x" })).status).toBe(404);
    expect((await coordinator.get(url("x".repeat(3000)))).res.status).toBe(404);
    expect((await stageOf(p.pairingId)).stage).toBe("active");
    expect(await pairingCount()).toBe(1);
    expect((await auditRows()).results).toHaveLength(0);
  });

  it("refuses to take a person out of a group of three, saying why", async () => {
    const groupCoord = await signedIn("coord-rmg@example.org");
    const person = group.memberIds[1]!;
    const page = await groupCoord.get(url(person, group.programId));
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("Leaving a group is not supported yet");
    const res = await groupCoord.post(url(person, group.programId), {
      candidate: ids.groupOther!,
      leave: group.pairingId,
      reason: "Wants one-to-one",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Leaving a group is not supported yet");
    expect((await stageOf(group.pairingId)).stage).toBe("active");
    expect(await count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1", group.programId)).toBe(1);
  });
});

describe("rematching", () => {
  it("shows what will happen first, changing nothing", async () => {
    const res = await coordinator.post(url(), { candidate: ids.best!, reason: "Goals differ", as: "mentee" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Rematch Mia Mentee with Bea Best?");
    expect(html).toContain(
      "Mia Mentee&#39;s pairing with mentor-rm ends early with the reason &quot;Rematched: Goals differ&quot;.",
    );
    expect(html).toContain("A new pairing of Mia Mentee and Bea Best starts.");
    expect(html).toContain("Both are emailed that they have been matched.");
    expect(keyOf(html)).toMatch(/^[0-9a-f]{24}$/);
    expect((await stageOf(p.pairingId)).stage).toBe("active");
    expect(await pairingCount()).toBe(1);
    expect((await auditRows()).results).toHaveLength(0);
    const frag = await coordinator.post(
      url(),
      { candidate: ids.best!, reason: "Goals differ" },
      { "HX-Request": "true" },
    );
    expect((await frag.text()).startsWith("<form")).toBe(true);
    const edit = await coordinator.post(url(), {
      candidate: ids.best!,
      leave: p.pairingId,
      reason: "Goals differ",
      as: "mentee",
      _step: "edit",
    });
    expect(edit.status).toBe(200);
    const editHtml = await edit.text();
    expect(editHtml).toMatch(new RegExp(`value="${ids.best}" checked`));
    expect(editHtml).toMatch(/<textarea[^>]*name="reason"[^>]*>\s*Goals differ<\/textarea>/);
  });

  it("ends the old pairing, starts exactly one new one, mails both and logs once; a resubmission does nothing more", async () => {
    const review = await coordinator.post(url(), { candidate: ids.best!, reason: "Goals differ", as: "mentee" });
    const key = keyOf(await review.text());
    const fields = {
      candidate: ids.best!,
      leave: p.pairingId,
      reason: "Goals differ",
      as: "mentee",
      _key: key,
      _step: "confirm",
    };
    // Three confirmations race (a double click, a retry): exactly one does the rematch, the others see it done.
    const racing = await Promise.all([1, 2, 3].map(() => coordinator.post(url(), fields)));
    expect(racing.map((r) => r.status)).toEqual([303, 303, 303]);
    const locations = racing.map((r) => r.headers.get("Location")!.split("?done=")[1]).sort();
    expect(locations).toEqual(["rematched", "repeated", "repeated"]);
    const done = racing.find((r) => r.headers.get("Location")!.endsWith("rematched"))!;
    expect(done.headers.get("Location")).toBe(`/programs/${p.programId}/pairings/${key}?done=rematched`);
    expect((await coordinator.get(done.headers.get("Location")!)).html).toContain("The rematch is done");

    const old = await stageOf(p.pairingId);
    expect(old).toMatchObject({ stage: "ended_early", stage_reason: "Rematched: Goals differ" });
    expect(old.ended_at).toBeGreaterThan(0);
    const changes = await env.DB.prepare(
      "SELECT from_stage, to_stage, reason, actor FROM pairing_stage_changes WHERE pairing_id = ?1",
    )
      .bind(p.pairingId)
      .all();
    expect(changes.results).toEqual([
      { from_stage: "active", to_stage: "ended_early", reason: "Rematched: Goals differ", actor: p.coordinatorId },
    ]);

    const created = await env.DB.prepare(
      "SELECT id, program_id, source, stage FROM pairings WHERE program_id = ?1 AND id <> ?2",
    )
      .bind(p.programId, p.pairingId)
      .all();
    expect(created.results).toEqual([{ id: key, program_id: p.programId, source: "matching", stage: "onboarding" }]);
    const members = await env.DB.prepare(
      "SELECT person_id, role FROM pairing_members WHERE pairing_id = ?1 ORDER BY role",
    )
      .bind(key)
      .all();
    expect(members.results).toEqual([
      { person_id: mentee, role: "mentee" },
      { person_id: ids.best, role: "mentor" },
    ]);

    const mails = await env.DB.prepare(
      "SELECT id, person_id, to_email, kind, category, subject, body_text FROM notifications WHERE id LIKE ?1 ORDER BY to_email",
    )
      .bind(`rematch:${key}:%`)
      .all<{
        id: string;
        person_id: string;
        to_email: string;
        kind: string;
        category: string;
        subject: string;
        body_text: string;
      }>();
    expect(mails.results.map(({ body_text: _, ...m }) => m)).toEqual([
      {
        id: `rematch:${key}:${ids.best}`,
        person_id: ids.best,
        to_email: "best-rm@example.org",
        kind: "matched",
        category: "program",
        subject: `You have been matched in Program rm`,
      },
      {
        id: `rematch:${key}:${mentee}`,
        person_id: mentee,
        to_email: "mentee-rm@example.org",
        kind: "matched",
        category: "program",
        subject: `You have been matched in Program rm`,
      },
    ]);
    expect(mails.results[1]!.body_text).toContain(
      `Hello Mia Mentee,\n\nYou have been matched with Bea Best in Program rm.\n\nSee your pairing: https://trellis.test/pairings/${key}`,
    );

    const rows = (await auditRows()).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: key, actor_id: p.coordinatorId, pairing_id: key, subject_id: mentee });
    expect(JSON.parse(rows[0]!.detail)).toEqual({
      from: p.pairingId,
      to: key,
      partnerId: ids.best,
      reason: "Goals differ",
    });
    expect(await (await env.JOURNEY.get(key)).status()).toBeTruthy();

    const again = await coordinator.post(url(), fields);
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toBe(`/programs/${p.programId}/pairings/${key}?done=repeated`);
    expect(await pairingCount()).toBe(2);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE id LIKE ?1", `rematch:${key}:%`)).toBe(2);
    expect((await auditRows()).results).toHaveLength(1);
    expect(await count("SELECT count(*) AS n FROM pairing_stage_changes WHERE pairing_id = ?1", p.pairingId)).toBe(1);

    const audit = await coordinator.get(`/programs/${p.programId}/audit`);
    expect(audit.html).toContain("Rematched a person");
    expect(audit.html).toContain("Reason: <bdi>Goals differ</bdi>");
  });

  it("the old partner is no longer offered, and the new pairing is now the current one", async () => {
    const { html } = await coordinator.get(url());
    expect(html).toContain(`name="leave" value="${(await pairingsOf(env, p.programId, mentee))[0]!.id}"`);
    expect(html).toContain("With Bea Best</a>");
    expect(html).not.toContain(`value="${oldMentor}"`);
    expect(html).not.toContain(`value="${ids.best}"`);
    expect(html).toContain(`value="${ids.fair}"`);
  });

  it("keeps the old pairing ended and makes nothing else when the new partner's place went meanwhile", async () => {
    const [current] = await pairingsOf(env, p.programId, mentee);
    await env.DB.prepare("UPDATE people SET capacity = 0 WHERE id = ?1").bind(ids.fair).run();
    const key = "0123456789abcdef01234567";
    const result = await runRematch(env, {
      program: { id: p.programId, name: "Program rm", maxMentorsPerMentee: 1 },
      person: { id: mentee, name: "Mia Mentee" },
      partner: { id: ids.fair!, name: "Finn Fair" },
      side: "mentee",
      leave: current!,
      reason: "Race",
      key,
      coordinatorId: p.coordinatorId,
      origin: "https://trellis.test",
    });
    expect(englishAll(result)).toEqual({
      ok: false,
      status: 409,
      ended: true,
      error:
        "Mia Mentee's pairing with Bea Best has ended, but Finn Fair can no longer be paired with Mia Mentee: their free place was taken or something else changed meanwhile, so no new pairing was made. Choose another partner below.",
    });
    expect((await stageOf(current!.id)).stage).toBe("ended_early");
    expect(await count("SELECT count(*) AS n FROM pairings WHERE id = ?1", key)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE id = ?1", key)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE id LIKE ?1", `rematch:${key}:%`)).toBe(0);
  });

  it("refuses a forged confirmation whose key names another program's pairing, touching nothing", async () => {
    const foreign = "fedcba9876543210fedcba98";
    await env.DB.prepare(
      "INSERT INTO pairings (id, program_id, source, stage, created_at) VALUES (?1, ?2, 'matching', 'active', 1)",
    )
      .bind(foreign, group.programId)
      .run();
    const [current] = await pairingsOf(env, p.programId, mentee);
    const result = await runRematch(env, {
      program: { id: p.programId, name: "Program rm", maxMentorsPerMentee: 1 },
      person: { id: mentee, name: "Mia Mentee" },
      partner: { id: ids.best!, name: "Bea Best" },
      side: "mentee",
      leave: current ?? null,
      reason: "Forged",
      key: foreign,
      coordinatorId: p.coordinatorId,
      origin: "https://trellis.test",
    });
    expect(result).toMatchObject({ ok: false, status: 409, ended: false });
    if (current) expect((await stageOf(current.id)).stage).not.toBe("ended_early");
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE pairing_id = ?1", foreign)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE id = ?1", foreign)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE id LIKE ?1", `rematch:${foreign}:%`)).toBe(0);
  });
});

describe("access", () => {
  it("is for the program's own coordinators only", async () => {
    const visitor = new Browser();
    const anon = await visitor.get(url());
    expect(anon.res.status).toBe(303);
    expect(anon.res.headers.get("Location")).toContain("/signin");
    const member = await signedIn("mentee-rm@example.org");
    expect((await member.get(url())).res.status).toBe(403);
    expect((await member.post(url(), { candidate: ids.fair!, reason: "x" })).status).toBe(403);
    const otherCoord = await signedIn("coord-rmg@example.org");
    expect((await otherCoord.get(url())).res.status).toBe(403);
    expect((await otherCoord.post(url(), { candidate: ids.fair!, reason: "x" })).status).toBe(403);
    expect((await otherCoord.get(url(mentee, group.programId))).res.status).toBe(404);
  });
});
