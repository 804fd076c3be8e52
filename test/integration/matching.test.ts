import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { startRun } from "../../worker/matching/runs";
import { Browser, createPerson } from "../helpers";
import { addMember, idOf, latestRun, proposalsOf } from "../matching-fixture";

const coordinator = new Browser();

async function newProgram(b: Browser, name: string, type = "one-to-one"): Promise<string> {
  const res = await b.post("/programs/new", {
    name,
    description: "",
    type,
    length_weeks: "12",
    cadence_days: "14",
    matching_mode: "coordinator",
  });
  expect(res.status).toBe(303);
  return res.headers.get("Location")!.split("/").pop()!;
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

beforeAll(async () => {
  await createPerson("coord@example.org", { canCreatePrograms: true, name: "Cora" });
  await coordinator.signIn("coord@example.org");
});

describe("coordinator matching flow", () => {
  let programId = "";
  /** The mentee left without a pair after the hand edits. */
  let waitingMentee = "";
  const page = () => coordinator.get(`/programs/${programId}/matching`);

  beforeAll(async () => {
    programId = await newProgram(coordinator, "Design Circle");
    await addMember(programId, {
      email: "ann@example.org",
      role: "mentor",
      name: "Ann",
      expertise: ["design"],
      capacity: 1,
    });
    await addMember(programId, {
      email: "bob@example.org",
      role: "mentor",
      name: "Bob",
      expertise: ["data"],
      capacity: 2,
    });
    await addMember(programId, {
      email: "cat@example.org",
      role: "mentor",
      name: "Cat",
      expertise: ["design", "data"],
      capacity: 3,
      unavailable: true,
    });
    await addMember(programId, {
      email: "dan@example.org",
      role: "mentor",
      name: "Dan",
      expertise: ["design"],
      capacity: 1,
    });
    for (const [email, goal] of [
      ["e1@example.org", "design"],
      ["e2@example.org", "data"],
      ["e3@example.org", "design"],
      ["e4@example.org", "data"],
      ["e5@example.org", "design"],
    ] as const) {
      await addMember(programId, { email, role: "mentee", name: email.slice(0, 2).toUpperCase(), goals: [goal] });
    }
    await env.DB.prepare(
      "INSERT INTO match_avoids (program_id, person_id, avoid_id, created_at) VALUES (?1, ?2, ?3, 0)",
    )
      .bind(programId, idOf("dan@example.org"), idOf("e3@example.org"))
      .run();
  });

  it("stages proposals that respect capacity, the unavailable switch and avoid lists, and explains who is left out", async () => {
    expect((await page()).html).toContain("Run matching");
    const res = await coordinator.post(`/programs/${programId}/matching/run`, {});
    expect(res.status).toBe(303);
    const proposals = await proposalsOf(programId);
    expect(proposals).toHaveLength(4);
    const perMentor = new Map<string, number>();
    for (const p of proposals) perMentor.set(p.mentor_id, (perMentor.get(p.mentor_id) ?? 0) + 1);
    expect(perMentor.get(idOf("cat@example.org"))).toBeUndefined();
    expect(perMentor.get(idOf("ann@example.org"))).toBe(1);
    expect(perMentor.get(idOf("bob@example.org"))).toBe(2);
    expect(perMentor.get(idOf("dan@example.org"))).toBe(1);
    expect(
      proposals.some((p) => p.mentor_id === idOf("dan@example.org") && p.mentee_id === idOf("e3@example.org")),
    ).toBe(false);
    const run = await latestRun(programId);
    expect(run!.status).toBe("staged");
    expect(run!.total).toBe(proposals.reduce((n, p) => n + p.score, 0));
    const { html } = await page();
    expect(html).toContain("shares 1 goal: design");
    expect(html).toContain("Not matched (2)");
    expect(html).toContain("compatible mentors are full");
    expect(html).toContain("mentor is unavailable");
  });

  it("refuses a hand edit that breaks a rule, with the reason, and changes nothing", async () => {
    const before = await proposalsOf(programId);
    const e1 = before.find((p) => p.mentee_id === idOf("e1@example.org"))!;
    const unavailable = await coordinator.post(
      `/programs/${programId}/matching/${(await latestRun(programId))!.id}/proposals/${e1.id}/mentor`,
      { mentor_email: "cat@example.org" },
    );
    expect(unavailable.status).toBe(422);
    const html = await unavailable.text();
    expect(html).toContain("mentor is unavailable");
    expect(html).toContain('value="cat@example.org"');
    const e3 = before.find((p) => p.mentee_id === idOf("e3@example.org"));
    if (e3) {
      const avoided = await coordinator.post(
        `/programs/${programId}/matching/${(await latestRun(programId))!.id}/proposals/${e3.id}/mentor`,
        { mentor_email: "dan@example.org" },
      );
      expect(avoided.status).toBe(422);
      expect(await avoided.text()).toContain("avoid list");
    }
    const bobFull = before.find((p) => p.mentor_id !== idOf("bob@example.org"))!;
    const full = await coordinator.post(
      `/programs/${programId}/matching/${(await latestRun(programId))!.id}/proposals/${bobFull.id}/mentor`,
      { mentor_email: "bob@example.org" },
    );
    expect(full.status).toBe(422);
    expect(await full.text()).toContain("is full in this run (2 of 2 places)");
    const notAMentor = await coordinator.post(
      `/programs/${programId}/matching/${(await latestRun(programId))!.id}/proposals/${e1.id}/mentor`,
      { mentor_email: "e2@example.org" },
    );
    expect(notAMentor.status).toBe(422);
    expect(await notAMentor.text()).toContain("Nobody with that email is an active mentor");
    const badEmail = await coordinator.post(
      `/programs/${programId}/matching/${(await latestRun(programId))!.id}/proposals/${e1.id}/mentor`,
      { mentor_email: "not an email" },
    );
    expect(badEmail.status).toBe(422);
    expect(await badEmail.text()).toContain("Enter an email address like name@example.org.");
    expect(await proposalsOf(programId)).toEqual(before);
  });

  it("swaps two proposals' mentors, re-scores both and shows the score change", async () => {
    const runId = (await latestRun(programId))!.id as string;
    const before = await proposalsOf(programId);
    const a = before.find((p) => p.mentor_id === idOf("ann@example.org"))!;
    const b = before.find((p) => p.mentor_id === idOf("bob@example.org"))!;
    const other = (await env.DB.prepare("SELECT email FROM people WHERE id = ?1")
      .bind(b.mentee_id)
      .first<{ email: string }>())!.email;
    const res = await coordinator.post(`/programs/${programId}/matching/${runId}/proposals/${a.id}/swap`, {
      other_email: other,
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    const after = await proposalsOf(programId);
    const a2 = after.find((p) => p.id === a.id)!;
    const b2 = after.find((p) => p.id === b.id)!;
    expect(a2.mentor_id).toBe(idOf("bob@example.org"));
    expect(b2.mentor_id).toBe(idOf("ann@example.org"));
    expect(a2.original_score).toBe(a.score);
    expect(location).toContain(`score=${a.score + b.score}-${a2.score + b2.score}`);
    const { html } = await coordinator.get(location.replace(/^https?:\/\/[^/]+/, ""));
    expect(html).toContain(`Score ${a.score + b.score} → ${a2.score + b2.score}`);
    expect(html).toContain(`(proposed ${a.score}`);
  });

  it("pairs an unmatched mentee by hand after removing a proposal, and keeps typed text on bad input", async () => {
    const runId = (await latestRun(programId))!.id as string;
    const bad = await coordinator.post(`/programs/${programId}/matching/${runId}/proposals`, {
      mentee_email: "nobody@example.org",
      mentor_email: "ann@",
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="nobody@example.org"');
    expect(badHtml).toContain("Enter an email address like name@example.org.");
    const waiting = (await env.DB.prepare(
      "SELECT json_extract(value, '$.id') AS id FROM json_each((SELECT unmatched FROM match_runs WHERE id = ?1)) WHERE json_extract(value, '$.role') = 'mentee'",
    )
      .bind(runId)
      .first<{ id: string }>())!.id;
    const waitingEmail = (await env.DB.prepare("SELECT email FROM people WHERE id = ?1")
      .bind(waiting)
      .first<{ email: string }>())!.email;
    const full = await coordinator.post(`/programs/${programId}/matching/${runId}/proposals`, {
      mentee_email: waitingEmail,
      mentor_email: "dan@example.org",
    });
    expect(full.status).toBe(422);
    expect(await full.text()).toMatch(/is full in this run|avoid list/);
    const dans = (await proposalsOf(programId)).find((p) => p.mentor_id === idOf("dan@example.org"))!;
    expect(
      (await coordinator.post(`/programs/${programId}/matching/${runId}/proposals/${dans.id}/remove`, {})).status,
    ).toBe(303);
    const removedEmail = (await env.DB.prepare("SELECT email FROM people WHERE id = ?1")
      .bind(dans.mentee_id)
      .first<{ email: string }>())!.email;
    expect((await page()).html).toContain("proposal removed by hand");
    const pick = waitingEmail === "e3@example.org" ? removedEmail : waitingEmail;
    const ok = await coordinator.post(`/programs/${programId}/matching/${runId}/proposals`, {
      mentee_email: pick,
      mentor_email: "dan@example.org",
    });
    expect(ok.status).toBe(303);
    waitingMentee = idOf(pick === removedEmail ? waitingEmail : removedEmail);
    expect(await proposalsOf(programId)).toHaveLength(4);
  });

  it("approves all and publishes once, however many publishes race: pairings, members and a mail to everyone", async () => {
    const runId = (await latestRun(programId))!.id as string;
    expect((await coordinator.post(`/programs/${programId}/matching/${runId}/approve`, { all: "1" })).status).toBe(303);
    expect(await count("SELECT count(*) AS n FROM match_proposals WHERE run_id = ?1 AND approved = 1", runId)).toBe(4);
    const racing = await Promise.all(
      [1, 2, 3, 4].map(() => coordinator.post(`/programs/${programId}/matching/${runId}/publish`, {})),
    );
    const published = racing.filter((r) => (r.headers.get("Location") ?? "").includes("n=4"));
    expect(published).toHaveLength(1);
    for (const r of racing) await r.arrayBuffer();
    const res = published[0]!;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toContain("done=published&n=4&skipped=0");
    expect(
      await count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1 AND source = 'matching'", programId),
    ).toBe(4);
    expect(await count("SELECT count(*) AS n FROM pairing_members WHERE program_id = ?1", programId)).toBe(8);
    expect(
      await count("SELECT count(*) AS n FROM match_proposals WHERE run_id = ?1 AND pairing_id IS NULL", runId),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM notifications WHERE kind = 'matched' AND to_email = 'bob@example.org'"),
    ).toBe(2);
    const mail = await env.DB.prepare(
      "SELECT body_text FROM notifications WHERE kind = 'matched' AND to_email = 'ann@example.org'",
    ).first<{ body_text: string }>();
    const annPairing = await env.DB.prepare(
      "SELECT pairing_id FROM pairing_members WHERE person_id = (SELECT id FROM people WHERE email = 'ann@example.org') AND program_id = ?1",
    )
      .bind(programId)
      .first<{ pairing_id: string }>();
    expect(mail!.body_text).toContain(`/pairings/${annPairing!.pairing_id}`);
    const again = await coordinator.post(`/programs/${programId}/matching/${runId}/publish`, {});
    expect(again.status).toBe(409);
    expect(await count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1", programId)).toBe(4);
  });

  it("a new run leaves paired people out and counts the places the published pairings use", async () => {
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    expect(await proposalsOf(programId)).toHaveLength(0);
    const run = await latestRun(programId);
    const unmatched = JSON.parse(String(run!.unmatched)) as { id: string; role: string; reason: string }[];
    expect(unmatched.filter((u) => u.role === "mentee").map((u) => u.id)).toEqual([waitingMentee]);
    expect(unmatched.find((u) => u.id === idOf("ann@example.org"))?.reason).toBe("mentor has no capacity left");
  });
});

describe("publishing re-checks capacity at the moment each pairing is made", () => {
  it("skips an approved pair whose mentor's last place was taken after the run", async () => {
    const programId = await newProgram(coordinator, "Race Circle");
    await addMember(programId, { email: "solo@example.org", role: "mentor", expertise: ["x"], capacity: 1 });
    await addMember(programId, { email: "r1@example.org", role: "mentee", goals: ["x"] });
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    const runId = (await latestRun(programId))!.id as string;
    await coordinator.post(`/programs/${programId}/matching/${runId}/approve`, { all: "1" });
    const other = await newProgram(coordinator, "Other Circle");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO pairings (id, program_id, source, created_at) VALUES ('elsewhere', ?1, 'self-match', 0)",
      ).bind(other),
      env.DB.prepare(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES ('elsewhere', ?1, 'mentor', ?2)",
      ).bind(idOf("solo@example.org"), other),
      env.DB.prepare(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES ('elsewhere', ?1, 'mentee', ?2)",
      ).bind(await createPerson("taker@example.org"), other),
    ]);
    const res = await coordinator.post(`/programs/${programId}/matching/${runId}/publish`, {});
    expect(res.headers.get("Location")).toContain("n=0&skipped=1");
    expect(await count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1", programId)).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM notifications WHERE kind = 'matched' AND to_email = 'r1@example.org'"),
    ).toBe(0);
  });
});

describe("group and peer programs", () => {
  it("a group program publishes one group per mentor, filled up to the mentor's capacity", async () => {
    const programId = await newProgram(coordinator, "Group Circle", "group");
    await addMember(programId, { email: "g-mentor@example.org", role: "mentor", expertise: ["ml"], capacity: 3 });
    for (const n of [1, 2, 3, 4])
      await addMember(programId, { email: `g${n}@example.org`, role: "mentee", goals: ["ml"] });
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    const runId = (await latestRun(programId))!.id as string;
    expect(await proposalsOf(programId)).toHaveLength(3);
    await coordinator.post(`/programs/${programId}/matching/${runId}/approve`, { all: "1" });
    await coordinator.post(`/programs/${programId}/matching/${runId}/publish`, {});
    expect(await count("SELECT count(*) AS n FROM pairings WHERE program_id = ?1", programId)).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM pairing_members WHERE program_id = ?1 AND role = 'mentee'", programId),
    ).toBe(3);
  });

  it("a peer program pairs people from one pool, each person once", async () => {
    const programId = await newProgram(coordinator, "Peer Circle", "peer");
    for (const n of [1, 2, 3, 4, 5])
      await addMember(programId, {
        email: `peer${n}@example.org`,
        role: n % 2 ? "mentor" : "mentee",
        goals: ["go"],
        expertise: ["go"],
        capacity: 0,
      });
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    const proposals = await proposalsOf(programId);
    expect(proposals).toHaveLength(2);
    const people = proposals.flatMap((p) => [p.mentor_id, p.mentee_id]);
    expect(new Set(people).size).toBe(4);
    const runId = (await latestRun(programId))!.id as string;
    await coordinator.post(`/programs/${programId}/matching/${runId}/approve`, { all: "1" });
    await coordinator.post(`/programs/${programId}/matching/${runId}/publish`, {});
    expect(
      await count("SELECT count(*) AS n FROM pairing_members WHERE program_id = ?1 AND role = 'peer'", programId),
    ).toBe(4);
  });
});

describe("large programs run as a Workflow step", () => {
  it("hands the run to the match-run Workflow, which stages the proposals", async () => {
    const programId = await newProgram(coordinator, "Big Circle");
    await addMember(programId, { email: "big-mentor@example.org", role: "mentor", expertise: ["x"], capacity: 2 });
    for (const n of [1, 2]) await addMember(programId, { email: `big${n}@example.org`, role: "mentee", goals: ["x"] });
    const small = { ...env, MATCH_INLINE_LIMIT: "1" } as Env;
    const runId = await startRun(small, programId, idOf("coord@example.org"));
    await using instance = await introspectWorkflowInstance(env.MATCH_RUN, runId);
    await expect(instance.waitForStatus("complete")).resolves.not.toThrow();
    expect((await latestRun(programId))!.status).toBe("staged");
    expect(await proposalsOf(programId)).toHaveLength(2);
  });
});

describe("matching is for the program's coordinators only", () => {
  it("answers 403 to a mentee and to another program's coordinator, on pages and on every action", async () => {
    const programId = await newProgram(coordinator, "Private Circle");
    await addMember(programId, { email: "m-only@example.org", role: "mentor", expertise: ["x"] });
    await addMember(programId, { email: "e-only@example.org", role: "mentee", goals: ["x"] });
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    const runId = (await latestRun(programId))!.id as string;
    const proposal = (await proposalsOf(programId))[0]!;
    const mentee = new Browser();
    await mentee.signIn("e-only@example.org");
    const outsider = new Browser();
    await createPerson("other-coord@example.org", { canCreatePrograms: true });
    await outsider.signIn("other-coord@example.org");
    await newProgram(outsider, "Outsider's own");
    for (const b of [mentee, outsider]) {
      for (const path of ["", "/settings", `/${runId}/proposals/${proposal.id}`])
        expect((await b.get(`/programs/${programId}/matching${path}`)).res.status).toBe(403);
      for (const path of [
        "/run",
        `/${runId}/approve`,
        `/${runId}/publish`,
        `/${runId}/discard`,
        `/${runId}/proposals`,
        `/${runId}/proposals/${proposal.id}/remove`,
        "/settings",
        "/settings/avoid",
      ]) {
        expect((await b.post(`/programs/${programId}/matching${path}`, { all: "1" })).status, path).toBe(403);
      }
    }
    expect((await proposalsOf(programId))[0]!.approved).toBe(0);
    const noOneLeft = await coordinator.post(`/programs/${programId}/matching/${runId}/proposals`, {
      mentee_email: "",
      mentor_email: "m-only@example.org",
    });
    expect(noOneLeft.status).toBe(422);
    const noOneHtml = await noOneLeft.text();
    expect(noOneHtml).toContain("Enter the mentee&#39;s email.");
    expect(noOneHtml).toContain('value="m-only@example.org"');
    const tampered = await coordinator.post(`/programs/${programId}/matching/${runId}/approve`, {
      proposal_id: "x".repeat(100),
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("Choose a proposal to approve");
    expect((await new Browser().get(`/programs/${programId}/matching`)).res.status).toBe(303);
    expect((await coordinator.get(`/programs/${programId}/matching/${runId}/proposals/nope`)).res.status).toBe(404);
    expect((await coordinator.post(`/programs/${programId}/matching/run`, { _csrf: "forged" })).status).toBe(403);
  });
});

describe("matching settings", () => {
  it("refuses bad settings on the same page with what was typed, and a saved language rule blocks pairs", async () => {
    const programId = await newProgram(coordinator, "Rules Circle");
    const valid = {
      goals: "40",
      languages: "20",
      availability: "30",
      channels: "10",
      goals_for_full: "3",
      hours_for_full: "4",
      max_mentors_per_mentee: "1",
      request_expiry_days: "7",
      attributes: "",
    };
    const bad = await coordinator.post(`/programs/${programId}/matching/settings`, {
      ...valid,
      goals: "lots",
      attributes: "Department = 999",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("The goals weight must be a whole number.");
    expect(html).toContain('value="lots"');
    expect(html).toContain("Department = 999");
    expect(
      await env.DB.prepare("SELECT match_settings FROM programs WHERE id = ?1").bind(programId).first("match_settings"),
    ).toBeNull();
    await addMember(programId, {
      email: "fr-mentor@example.org",
      role: "mentor",
      expertise: ["x"],
      languages: ["french"],
    });
    await addMember(programId, {
      email: "en-mentee@example.org",
      role: "mentee",
      goals: ["x"],
      languages: ["english"],
    });
    expect(
      (
        await coordinator.post(`/programs/${programId}/matching/settings`, {
          ...valid,
          must_share_language: "on",
          attributes: "Department = 10\nRegion",
        })
      ).status,
    ).toBe(303);
    const saved = JSON.parse(
      (await env.DB.prepare("SELECT match_settings FROM programs WHERE id = ?1")
        .bind(programId)
        .first<string>("match_settings"))!,
    );
    expect(saved.mustShareLanguage).toBe(true);
    expect(saved.attributes).toEqual([
      { key: "department", label: "Department", weight: 10 },
      { key: "region", label: "Region", weight: 0 },
    ]);
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    expect(await proposalsOf(programId)).toHaveLength(0);
    expect((await coordinator.get(`/programs/${programId}/matching`)).html).toContain("no compatible mentor");
  });

  it("manages avoid lists by email and refuses people outside the program", async () => {
    const programId = await newProgram(coordinator, "Avoid Circle");
    await addMember(programId, { email: "av-m@example.org", role: "mentor" });
    await addMember(programId, { email: "av-e@example.org", role: "mentee" });
    const wrong = await coordinator.post(`/programs/${programId}/matching/settings/avoid`, {
      person_email: "av-m@example.org",
      avoid_email: "stranger@example.org",
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Nobody with that email is an active mentor or mentee in this program.");
    const same = await coordinator.post(`/programs/${programId}/matching/settings/avoid`, {
      person_email: "av-m@example.org",
      avoid_email: "av-m@example.org",
    });
    expect(same.status).toBe(422);
    expect(await count("SELECT count(*) AS n FROM match_avoids WHERE program_id = ?1", programId)).toBe(0);
    expect(
      (
        await coordinator.post(`/programs/${programId}/matching/settings/avoid`, {
          person_email: "av-m@example.org",
          avoid_email: "av-e@example.org",
        })
      ).status,
    ).toBe(303);
    expect(await count("SELECT count(*) AS n FROM match_avoids WHERE program_id = ?1", programId)).toBe(1);
    expect((await coordinator.get(`/programs/${programId}/matching/settings`)).html).toContain(
      "<bdi>av-m</bdi> ↔ <bdi>av-e</bdi>",
    );
  });
});
