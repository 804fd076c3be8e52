/**
 * Emailing participants: audiences, the confirmation with the exact count, one mail per person per key, preferences,
 * the audit entry.
 */
import { env } from "cloudflare:workers";
import { introspectWorkflowInstance } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Browser, signedIn } from "../helpers";
import { addMember } from "../matching-fixture";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let coordinator: Browser;
let extraMentee: string;
const url = () => `/programs/${p.programId}/message`;
const keyOf = (html: string) => /name="_key" value="([0-9a-f]{24})"/.exec(html)?.[1] ?? "";
const mails = (key: string) =>
  env.DB.prepare("SELECT id, person_id, status, subject, category FROM notifications WHERE id LIKE ?1 ORDER BY id")
    .bind(`program-message:${key}:%`)
    .all<{ id: string; person_id: string; status: string; subject: string; category: string }>();

beforeAll(async () => {
  p = await makePairing("msg", ["mentor-msg@example.org", "mentee-msg@example.org"], "active");
  extraMentee = await addMember(p.programId, { email: "solo-msg@example.org", role: "mentee", name: "Solo Person" });
  await env.DB.prepare("INSERT INTO notification_prefs (person_id, category, mode) VALUES (?1, 'program', 'off')")
    .bind(extraMentee)
    .run();
  await env.DB.prepare("UPDATE pairings SET risk_reason = 'Quiet for 3 weeks' WHERE id = ?1").bind(p.pairingId).run();
  coordinator = await signedIn("coord-msg@example.org");
});

describe("email participants", () => {
  it("shows the form with its tab", async () => {
    const page = await coordinator.get(url());
    expect(page.res.status).toBe(200);
    expect(page.html).toMatch(
      /aria-current="page"><svg class="i"[^>]*><use [^>]*><\/use><\/svg>Message participants<\/a>/,
    );
  });

  it("confirms with the exact count and names, then mails each participant once, respecting preferences", async () => {
    const fields = { audience: "all", subject: "Kick-off next week", body: "See you all on Monday." };
    const review = await coordinator.post(url(), fields);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain("Email 3 people?");
    expect(html).toContain("To: All active participants: Solo, mentee-msg and mentor-msg.");
    const key = keyOf(html);
    expect((await mails(key)).results).toHaveLength(0);
    await using mailing = await introspectWorkflowInstance(env.BULK_MAIL, key);
    for (let i = 0; i < 2; i++) {
      const res = await coordinator.post(url(), { ...fields, _key: key, _step: "confirm" });
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`${url()}?job=${key}`);
    }
    await mailing.waitForStatus("complete");
    const done = await coordinator.get(`${url()}?job=${key}`);
    expect(done.html).toContain("Sent: your message went to 3 people (as each of them chose to get program emails).");
    expect(done.res.headers.has("Refresh")).toBe(false);
    const sent = (await mails(key)).results;
    expect(sent.map((m) => m.id).sort()).toEqual(
      [...p.memberIds, extraMentee].map((id) => `program-message:${key}:${id}`).sort(),
    );
    expect(sent.find((m) => m.person_id === extraMentee)!.status).toBe("skipped");
    expect(sent.every((m) => m.category === "program" && m.subject === "Kick-off next week")).toBe(true);
    const audit = await env.DB.prepare(
      "SELECT id, detail FROM audit_log WHERE program_id = ?1 AND action = 'program.message'",
    )
      .bind(p.programId)
      .all<{ id: string; detail: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.id).toBe(key);
    expect(JSON.parse(audit.results[0]!.detail)).toEqual({ audience: "all", count: 3, subject: "Kick-off next week" });
  });

  it("reaches mentors, at-risk pairings, a stage, or chosen people", async () => {
    const count = async (fields: Record<string, string>) =>
      /Email (\d+) (person|people)\?/.exec(
        await (await coordinator.post(url(), { subject: "s", body: "b", ...fields })).text(),
      )?.[1];
    expect(await count({ audience: "mentors" })).toBe("1");
    expect(await count({ audience: "mentees" })).toBe("2");
    expect(await count({ audience: "at-risk" })).toBe("2");
    expect(await count({ audience: "stage", stage: "active" })).toBe("2");
    expect(await count({ audience: "chosen", emails: "SOLO-msg@example.org, mentor-msg@example.org" })).toBe("2");
    expect(await count({ audience: "chosen", emails: "", pick: "solo-msg@example.org" })).toBe("1");
  });

  it("finds participants to choose with the search box", async () => {
    const page = await coordinator.get(`${url()}?q=solo`);
    expect(page.html).toContain('name="pick" value="solo-msg@example.org"');
    expect(page.html).not.toContain('value="mentor-msg@example.org"');
  });

  it("refuses bad input with messages and what was typed kept", async () => {
    const res = await coordinator.post(url(), {
      audience: "chosen",
      emails: "nobody@example.org",
      subject: "x".repeat(151),
      body: "Hello",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Keep the subject to 150 characters; this one is 151.");
    const unknown = await coordinator.post(url(), {
      audience: "chosen",
      emails: "nobody@example.org",
      subject: "Hi",
      body: "Hello",
    });
    expect(unknown.status).toBe(422);
    const text = await unknown.text();
    expect(text).toContain("Not active participants of this program: nobody@example.org.");
    expect(text).toContain("nobody@example.org</textarea>");
    expect((await coordinator.post(url(), { audience: "bogus", subject: "Hi", body: "b".repeat(5001) })).status).toBe(
      422,
    );
    expect(
      (await coordinator.post(url(), { audience: "stage", stage: "nowhere", subject: "Hi", body: "b" })).status,
    ).toBe(422);
  });

  it("is for the program's coordinators only", async () => {
    const mentor = await signedIn("mentor-msg@example.org");
    expect((await mentor.get(url())).res.status).toBe(403);
    expect((await mentor.post(url(), { audience: "all", subject: "s", body: "b" })).status).toBe(403);
    expect((await coordinator.post(url(), { audience: "all", subject: "s", body: "b", _csrf: "forged" })).status).toBe(
      403,
    );
  });
});
