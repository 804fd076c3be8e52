import { env, exports } from "cloudflare:workers";
import { introspectWorkflowInstance } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signToken, signingKeys } from "../../worker/domain/signed-link-tokens";
import { sendMilestoneSurveys } from "../../worker/surveys/surveys";
import { Browser, createPerson, gzipSize, ORIGIN, signedIn } from "../helpers";
import { makePairing } from "../room-fixture";

let PROGRAM = "";
let PAIRING = "";
const COORDINATOR = "coord-sv@example.org";
const MENTOR = "meg@sv.test";
const MENTEE = "tariq@sv.test";
const ids: Record<string, string> = {};
let BASE = "";

beforeAll(async () => {
  const p = await makePairing(
    "sv",
    [
      { email: MENTOR, name: "Meg" },
      { email: MENTEE, name: "Tariq" },
    ],
    "active",
  );
  PROGRAM = p.programId;
  PAIRING = p.pairingId;
  BASE = `/programs/${PROGRAM}/surveys`;
  ids.coordinator = p.coordinatorId;
  ids.mentor = p.memberIds[0]!;
  ids.mentee = p.memberIds[1]!;
});

/** The survey link in the newest survey mail to a person. */
async function surveyLink(personId: string): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT body_text FROM notifications WHERE person_id = ? AND kind = 'survey' ORDER BY created_at DESC LIMIT 1",
  )
    .bind(personId)
    .first<{ body_text: string }>();
  const url = /https?:\/\/[^\s]+\/s\/[^\s]+/.exec(row?.body_text ?? "")?.[0] ?? "";
  return new URL(url).pathname;
}

const BUILT = {
  title: "Mid-programme pulse",
  trigger: "once",
  q1kind: "scale",
  q1text: "How useful are your sessions?",
  q2kind: "single",
  q2text: "How often do you meet?",
  q2options: "Weekly\nFortnightly\nMonthly",
  q3kind: "multi",
  q3text: "What have you worked on?",
  q3options: "CV\nInterviews\nNetworking",
  q4kind: "text",
  q4text: "One thing to change?",
};

describe("surveys", () => {
  let surveyId = "";

  it("a coordinator builds a survey; a bad one comes back with what was typed", async () => {
    const b = await signedIn(COORDINATOR);
    const builder = await b.get(BASE);
    expect(builder.res.status).toBe(200);
    expect(await gzipSize(builder.html)).toBeLessThanOrEqual(14 * 1024);
    const bad = await b.post(BASE, { ...BUILT, q2options: "Only one" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("A choice question needs 2 to 8 different choices");
    expect(html).toContain('value="Mid-programme pulse"');
    const res = await b.post(BASE, BUILT);
    expect(res.status).toBe(303);
    surveyId = /surveys\/([0-9a-f]+)$/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
    expect(surveyId).not.toBe("");
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE subject_id = ?").bind(surveyId).all();
    expect(audit.results).toEqual([{ action: "survey.create" }]);
  });

  it("members of the program who are not coordinators cannot see or send it", async () => {
    const b = await signedIn(MENTOR);
    for (const path of [BASE, `${BASE}/${surveyId}`, `${BASE}/${surveyId}/answers.csv`])
      expect((await b.fetch(path)).status, path).toBe(403);
    expect((await b.post(`${BASE}/${surveyId}/send`, {})).status).toBe(403);
  });

  it("coordinators of another program are refused its surveys and their results", async () => {
    const other = await createPerson("olga@sv.test", { name: "Olga" });
    await env.DB.prepare(
      "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES ('sv-other', 'Other', 'one-to-one', 12, 14, 'coordinator', ?)",
    )
      .bind(other)
      .run();
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES ('sv-other', ?, 'coordinator', 'active')",
    )
      .bind(other)
      .run();
    const b = await signedIn("olga@sv.test");
    for (const path of [
      `/programs/${PROGRAM}/dashboard/surveys`,
      `${BASE}/${surveyId}`,
      `${BASE}/${surveyId}/answers.csv`,
    ])
      expect((await b.fetch(path)).status, path).toBe(403);
    expect((await b.post(`${BASE}/${surveyId}/send`, {})).status).toBe(403);
  });

  it("sending it once starts a bulk mailing that mails each member their own link, and is audited", async () => {
    const b = await signedIn(COORDINATOR);
    const job = `survey-${surveyId}`;
    await using mailing = await introspectWorkflowInstance(env.BULK_MAIL, job);
    const res = await b.post(`${BASE}/${surveyId}/send`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${BASE}/${surveyId}?job=${job}`);
    expect((await b.post(`${BASE}/${surveyId}/send`, {})).headers.get("Location")).toBe(`${BASE}/${surveyId}`);
    await mailing.waitForStatus("complete");
    const page = await b.get(`${BASE}/${surveyId}?job=${job}`);
    expect(page.html).toContain("Sent: 2 members were asked");
    expect(page.res.headers.has("Refresh")).toBe(false);
    const mails = await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'survey'").first();
    expect(mails).toEqual({ n: 2 });
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'survey.send'").first();
    expect(audit).toEqual({ n: 1 });
  });

  it("an unanswered survey waits on the member's home page, linking to the in-app form", async () => {
    const mentee = await signedIn(MENTEE);
    const { html } = await mentee.get("/");
    expect(html).toContain(`href="/surveys/${surveyId}-${PAIRING}-${ids.mentee}"`);
    expect(html).toContain("Answer the survey “Mid-programme pulse”");
  });

  it("a member answers from the mail alone: opening changes nothing, the button records", async () => {
    const path = await surveyLink(ids.mentee!);
    const visitor = new Browser();
    const { res, html } = await visitor.get(path);
    expect(res.status).toBe(200);
    expect(html).toContain("How useful are your sessions?");
    expect(html).toContain('type="checkbox" name="q3" value="Interviews"');
    const before = await env.DB.prepare(
      "SELECT count(*) AS n FROM survey_requests WHERE person_id = ? AND answered_at IS NOT NULL",
    )
      .bind(ids.mentee)
      .first();
    expect(before).toEqual({ n: 0 });
    // A text browser without cookies: the signed link is the proof.
    const body = new URLSearchParams([
      ["q1", "4"],
      ["q2", "Weekly"],
      ["q3", "CV"],
      ["q3", "Interviews"],
      ["q3", "Not an option"],
      ["q4", "More <time> together"],
    ]);
    const post = await exports.default.fetch(
      new Request(ORIGIN + path, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      }),
    );
    expect(post.status).toBe(303);
    const thanks = await visitor.get(`${path}?done=1`);
    expect(thanks.html).toContain("your answers are saved");
    expect(thanks.html).toMatch(/value="Interviews" checked=""/);
    const home = await (await signedIn(MENTEE)).get("/");
    expect(home.html).not.toContain("Answer the survey “Mid-programme pulse”");
  });

  it("an empty answer is refused on the page; a forged or other person's link works for nobody", async () => {
    const path = await surveyLink(ids.mentor!);
    const empty = await exports.default.fetch(
      new Request(ORIGIN + path, {
        method: "POST",
        body: new URLSearchParams({ q4: "  " }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Answer at least one question before sending.");
    const forged = `${path.slice(0, -4)}AAAA`;
    expect((await new Browser().fetch(forged)).status).toBe(404);
    const request = /\/s\/(.+)$/.exec(path)![1]!;
    const mine = await signToken(signingKeys(env), { p: "survey", u: ids.mentee!, s: "x", x: Date.now() + 60_000 });
    expect((await new Browser().fetch(`/s/${mine}`)).status).toBe(404);
    const expired = await signToken(signingKeys(env), { p: "survey", u: ids.mentor!, s: "x", x: Date.now() - 1 });
    expect((await new Browser().fetch(`/s/${expired}`)).status).toBe(410);
    expect(request.length).toBeGreaterThan(20);
  });

  it("members answer in the app too, only their own request", async () => {
    const requestId = `${surveyId}-${PAIRING}-${ids.mentor}`;
    const mentor = await signedIn(MENTOR);
    expect((await mentor.get(`/surveys/${requestId}`)).res.status).toBe(200);
    expect((await mentor.post(`/surveys/${requestId}`, { q1: "2", q2: "Monthly" })).status).toBe(303);
    expect((await (await signedIn(MENTEE)).fetch(`/surveys/${requestId}`)).status).toBe(404);
  });

  it("results show as charts with tables by stage and group, and as CSV", async () => {
    const b = await signedIn(COORDINATOR);
    const { html } = await b.get(`${BASE}/${surveyId}`);
    expect(html).toContain("2 of 2 answered");
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain("Answers by the pairing&#39;s stage and by group");
    expect(html).toContain("Mentees");
    expect(html).toContain("More &lt;time&gt; together");
    expect(html).not.toContain("Tariq");
    expect(await gzipSize(html)).toBeLessThanOrEqual(14 * 1024);
    const dash = await b.get(`/programs/${PROGRAM}/dashboard/surveys?survey=${surveyId}`);
    expect(dash.res.status).toBe(200);
    expect(dash.html).toContain('<svg class="chart"');
    expect(dash.html).toContain("Answers by the pairing&#39;s stage and by group");
    expect(dash.html).toContain(`href="${BASE}/${surveyId}/answers.csv"`);
    expect(dash.html).toContain('aria-current="page">Surveys</a>');
    expect(dash.html).not.toContain("Tariq");
    expect(await gzipSize(dash.html)).toBeLessThanOrEqual(14 * 1024);
    const mentor = await signedIn(MENTOR);
    expect((await mentor.fetch(`/programs/${PROGRAM}/dashboard/surveys`)).status).toBe(403);
    const csv = await (await b.fetch(`${BASE}/${surveyId}/answers.csv`)).text();
    expect(csv).toContain("survey,question,stage,group,answer,count");
    expect(csv).toContain("Mid-programme pulse,How often do you meet?,Active,mentee,Weekly,1");
    expect(csv).toContain("Mid-programme pulse,How useful are your sessions?,Active,mentor,2,1");
  });

  it("a survey attached to the mid-point goes out when the journey reaches it", async () => {
    const b = await signedIn(COORDINATOR);
    const res = await b.post(BASE, { ...BUILT, title: "Halfway", trigger: "mid-point" });
    expect(res.status).toBe(303);
    expect(await sendMilestoneSurveys(env, ORIGIN, PAIRING, "mid-point", Date.now() + 86_400_000)).toBe(1);
    expect(await sendMilestoneSurveys(env, ORIGIN, PAIRING, "wrap-up", Date.now() + 86_400_000)).toBe(0);
    const asked = await env.DB.prepare(
      "SELECT count(*) AS n FROM survey_requests r JOIN surveys s ON s.id = r.survey_id WHERE s.title = 'Halfway'",
    ).first();
    expect(asked).toEqual({ n: 2 });
  });

  it("answers are in the member's data download and go when they delete their data", async () => {
    const mentee = await signedIn(MENTEE);
    const data = await (await mentee.fetch("/settings/data/export.json")).text();
    expect(data).toContain("More <time> together");
    expect(data).toContain("One thing to change?");
    expect((await mentee.post("/settings/data/delete", { confirm: MENTEE })).status).toBe(303);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM survey_requests WHERE person_id = ?")
      .bind(ids.mentee)
      .first();
    expect(left).toEqual({ n: 0 });
  });
});
