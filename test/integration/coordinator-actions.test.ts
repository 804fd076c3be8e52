/**
 * Coordinator actions on a pairing: confirmation first, one room call and one audit entry per key, refusals as 4xx; the
 * audit page.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import { type Browser, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let other: TestPairing;
let coordinator: Browser;
const base = () => `/programs/${p.programId}/pairings/${p.pairingId}`;
const keyOf = (html: string) => /name="_key" value="([0-9a-f]{24})"/.exec(html)?.[1] ?? "";
const audit = (action: string) =>
  env.DB.prepare("SELECT id, actor_id, pairing_id, detail FROM audit_log WHERE program_id = ?1 AND action = ?2")
    .bind(p.programId, action)
    .all<{ id: string; actor_id: string; pairing_id: string; detail: string }>();
const stageOf = async (id: string) => {
  await roomOf(env, id).flushProjection();
  return (await env.DB.prepare("SELECT stage, stage_reason FROM pairings WHERE id = ?1")
    .bind(id)
    .first<{ stage: string; stage_reason: string }>())!;
};

beforeAll(async () => {
  p = await makePairing("act", ["mentor-act@example.org", "mentee-act@example.org"], "active");
  other = await makePairing("oth", ["mentor-oth@example.org", "mentee-oth@example.org"], "active");
  await env.DB.prepare("UPDATE people SET name = 'Cora Act' WHERE id = ?1").bind(p.coordinatorId).run();
  coordinator = await signedIn("coord-act@example.org");
});

describe("pairing actions", () => {
  it("offers the actions the stage machine allows on the summary", async () => {
    const page = await coordinator.get(base());
    expect(page.res.status).toBe(200);
    for (const a of ["message", "pause", "end"]) expect(page.html).toContain(`action="${base()}/actions/${a}"`);
    expect(page.html).not.toContain(`${base()}/actions/resume`);
    expect(page.html).toMatch(/aria-current="page"><svg class="i"[^>]*><use [^>]*><\/use><\/svg>Pairings<\/a>/);
  });

  it("pauses only after confirmation, once per key, with the audit entry", async () => {
    const review = await coordinator.post(`${base()}/actions/pause`, { reason: "Mentor on leave" });
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain("Pause the pairing of mentor-act and mentee-act?");
    expect(html).toContain("A coordinator moved the pairing from active to paused: Mentor on leave");
    expect(html).toContain('name="reason" value="Mentor on leave"');
    expect((await stageOf(p.pairingId)).stage).toBe("active");
    expect((await audit("pairing.pause")).results).toHaveLength(0);

    const key = keyOf(html);
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    const done = await coordinator.post(`${base()}/actions/pause`, {
      reason: "Mentor on leave",
      _key: key,
      _step: "confirm",
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe(`${base()}?done=pause`);
    expect(await stageOf(p.pairingId)).toEqual({ stage: "paused", stage_reason: "Mentor on leave" });

    const again = await coordinator.post(`${base()}/actions/pause`, {
      reason: "Mentor on leave",
      _key: key,
      _step: "confirm",
    });
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toBe(`${base()}?done=repeated`);
    const rows = (await audit("pairing.pause")).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: key, actor_id: p.coordinatorId, pairing_id: p.pairingId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ reason: "Mentor on leave" });
    const changes = await env.DB.prepare("SELECT count(*) AS n FROM pairing_stage_changes WHERE pairing_id = ?1")
      .bind(p.pairingId)
      .first<{ n: number }>();
    expect(changes!.n).toBe(1);
  });

  it("goes back to the form with the values kept", async () => {
    const res = await coordinator.post(`${base()}/actions/end`, { reason: "Moved away", _step: "edit" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="action-end"');
    expect(html).toMatch(/<textarea[^>]*name="reason"[^>]*>\s*Moved away<\/textarea>/);
    const frag = await coordinator.post(`${base()}/actions/end`, { reason: "Moved away" }, { "HX-Request": "true" });
    const text = await frag.text();
    expect(text.startsWith("<form")).toBe(true);
    expect(text).not.toContain("<html");
    expect(text).toContain("End the pairing of");
  });

  it("sends a message shown in the chat as the coordinator's, once", async () => {
    const review = await coordinator.post(`${base()}/actions/message`, { text: "Checking in: all well?" });
    const key = keyOf(await review.text());
    for (let i = 0; i < 2; i++)
      expect(
        (
          await coordinator.post(`${base()}/actions/message`, {
            text: "Checking in: all well?",
            _key: key,
            _step: "confirm",
          })
        ).status,
      ).toBe(303);
    const chat = await roomOf(env, p.pairingId).chatPage({ kind: "member", personId: p.memberIds[1]! }, null);
    if (!chat.ok) throw new Error(chat.error);
    const mine = chat.value.messages.filter((m) => m.source === "coordinator");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe("Checking in: all well?\n\n— Cora Act, program coordinator");
    const rows = (await audit("pairing.message")).results;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ text: "Checking in: all well?" });
  });

  it("resumes, then ends early with a reason", async () => {
    const r = await coordinator.post(`${base()}/actions/resume`, { reason: "" });
    expect(
      (
        await coordinator.post(`${base()}/actions/resume`, {
          reason: "",
          _key: keyOf(await r.text()),
          _step: "confirm",
        })
      ).status,
    ).toBe(303);
    expect((await stageOf(p.pairingId)).stage).toBe("active");
    const e = await coordinator.post(`${base()}/actions/end`, { reason: "Mentee left the company" });
    expect(
      (
        await coordinator.post(`${base()}/actions/end`, {
          reason: "Mentee left the company",
          _key: keyOf(await e.text()),
          _step: "confirm",
        })
      ).status,
    ).toBe(303);
    expect(await stageOf(p.pairingId)).toEqual({ stage: "ended_early", stage_reason: "Mentee left the company" });
    expect((await audit("pairing.end")).results).toHaveLength(1);
    expect((await audit("pairing.resume")).results).toHaveLength(1);
  });

  it("shows the room's refusal as a 409 with the text kept, logging nothing", async () => {
    const page = await coordinator.get(base());
    expect(page.html).toContain("This pairing has ended");
    const res = await coordinator.post(`${base()}/actions/message`, {
      text: "Too late",
      _key: "0123456789abcdef01234567",
      _step: "confirm",
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("This pairing ended early: its room can be read but no longer changed.");
    expect(html).toContain("Too late");
    expect((await audit("pairing.message")).results).toHaveLength(1);
    expect((await coordinator.post(`${base()}/actions/pause`, { reason: "x" })).status).toBe(409);
  });

  it("refuses bad input with a message and the values kept", async () => {
    const base2 = `/programs/${other.programId}/pairings/${other.pairingId}`;
    const c2 = await signedIn("coord-oth@example.org");
    const empty = await c2.post(`${base2}/actions/pause`, { reason: "  " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Say why you pause the pairing");
    const long = await c2.post(`${base2}/actions/end`, { reason: "x".repeat(501) });
    expect(long.status).toBe(422);
    const html = await long.text();
    expect(html).toContain("Keep the reason to 500 characters; this one is 501.");
    expect(html).toContain(`\n${"x".repeat(500)}</textarea>`);
    expect((await c2.post(`${base2}/actions/explode`, { reason: "x" })).status).toBe(404);
    const badKey = await c2.post(`${base2}/actions/pause`, { reason: "Holiday", _key: "nope", _step: "confirm" });
    expect(badKey.status).toBe(400);
    expect((await stageOf(other.pairingId)).stage).toBe("active");
    const huge = await c2.post(`${base2}/actions/message`, { text: "y".repeat(5000) });
    expect(huge.status).toBe(422);
  });

  it("is for the program's own coordinators only", async () => {
    const mentor = await signedIn("mentor-oth@example.org");
    const otherCoord = await signedIn("coord-oth@example.org");
    const base2 = `/programs/${other.programId}/pairings/${other.pairingId}`;
    expect((await mentor.post(`${base2}/actions/pause`, { reason: "x" })).status).toBe(403);
    expect((await otherCoord.post(`${base()}/actions/message`, { text: "hi" })).status).toBe(403);
    expect(
      (await otherCoord.post(`/programs/${other.programId}/pairings/${p.pairingId}/actions/message`, { text: "hi" }))
        .status,
    ).toBe(404);
    expect((await otherCoord.post(`${base2}/actions/pause`, { reason: "x", _csrf: "forged" })).status).toBe(403);
    expect((await otherCoord.get(`/programs/${p.programId}/audit`)).res.status).toBe(403);
  });

  it("asks visitors to sign in", async () => {
    const { Browser } = await import("../helpers");
    const visitor = new Browser();
    await visitor.get("/");
    const res = await visitor.post(`${base()}/actions/pause`, { reason: "x" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toContain("/signin");
  });
});

describe("milestone template and the audit page", () => {
  it("confirms a template change with before → after, then logs it", async () => {
    const url = `/programs/${p.programId}/journey`;
    const review = await coordinator.post(url, {
      agreementDays: "5",
      firstMeetingDays: "14",
      checkInEveryDays: "",
      checkInOpenDays: "4",
      midPoint: "1",
      wrapUpSurvey: "1",
    });
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain("Mentoring agreement due after (days): 7 → <strong>5</strong>");
    expect(html).not.toContain("First meeting within (days): 14");
    expect(html).toContain(
      "journey reads the template once, when it starts, so the 0 pairings under way keep the plan they started with.",
    );
    const stored = await env.DB.prepare("SELECT milestone_template FROM programs WHERE id = ?1")
      .bind(p.programId)
      .first<{ milestone_template: string | null }>();
    expect(stored!.milestone_template).toBeNull();
    const fields = {
      agreementDays: "5",
      firstMeetingDays: "14",
      checkInEveryDays: "",
      checkInOpenDays: "4",
      midPoint: "1",
      wrapUpSurvey: "1",
      _key: keyOf(html),
      _step: "confirm",
    };
    expect((await coordinator.post(url, fields)).status).toBe(303);
    expect((await coordinator.post(url, fields)).status).toBe(303);
    const rows = (await audit("program.template")).results;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ changes: { agreementDays: [7, 5] } });
  });

  it("lists every action newest first with who, what, which pairing and details", async () => {
    await env.DB.prepare(
      "INSERT INTO audit_log (id, program_id, actor_id, action, detail, at) VALUES ('gone1', ?1, 'p-gone', 'pairing.pause', '{\"reason\":\"old\"}', 1)",
    )
      .bind(p.programId)
      .run();
    await env.DB.prepare(
      "INSERT INTO people (id, email, name, deleted_at) VALUES ('p-gone', 'gone@example.org', 'Gone Person', 5)",
    ).run();
    const page = await coordinator.get(`/programs/${p.programId}/audit`);
    expect(page.res.status).toBe(200);
    const html = page.html;
    expect(html).toMatch(/aria-current="page"><svg class="i"[^>]*><use [^>]*><\/use><\/svg>Audit log<\/a>/);
    expect(html).toContain("Audit log (6)");
    const order = [
      "Changed the milestone template",
      "Ended a pairing early",
      "Resumed a pairing",
      "Sent a message into a pairing",
      "Paused a pairing",
    ].map((s) => html.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).toContain("Reason: <bdi>Mentee left the company</bdi>");
    expect(html).toContain("Mentoring agreement due after (days): 7 → 5");
    expect(html).toContain("Cora Act");
    expect(html).toContain("Deleted person");
    expect(html).not.toContain("Gone Person");
    expect(html).toContain(`href="/programs/${p.programId}/pairings/${p.pairingId}"`);
    expect(html).not.toContain("Checking in: all well?");
  });
});
