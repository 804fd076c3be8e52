/**
 * "Send now" on a large program: the request only starts a bulk mailing; the Workflow asks every member of the
 * program's running pairings in batches of 25, once each, and the survey's page follows its progress.
 */
import { env } from "cloudflare:workers";
import { introspectWorkflowInstance } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BULK_BATCH } from "../../worker/mail/mail-jobs";
import { signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const PAIRINGS = 60;
let p: TestPairing;

beforeAll(async () => {
  p = await makePairing("bulksv", ["mentor-bulksv@example.org", "mentee-bulksv@example.org"], "active");
  // Fifty-nine more running pairings and one ended one (whose members are not asked), written straight to D1.
  const people: D1PreparedStatement[] = [];
  for (let i = 0; i < PAIRINGS; i++) {
    const id = `bulksv-pair-${i}`;
    const stage = i === PAIRINGS - 1 ? "closed" : "active";
    people.push(
      env.DB.prepare("INSERT INTO people (id, email, name) VALUES (?1, ?2, 'Mentor'), (?3, ?4, 'Mentee')").bind(
        `bulksv-mr-${i}`,
        `mr-${i}@bulksv.test`,
        `bulksv-me-${i}`,
        `me-${i}@bulksv.test`,
      ),
      env.DB.prepare(
        "INSERT INTO pairings (id, program_id, source, stage, created_at) VALUES (?1, ?2, 'matching', ?3, 0)",
      ).bind(id, p.programId, stage),
      env.DB.prepare(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?1, ?2, 'mentor', ?4), (?1, ?3, 'mentee', ?4)",
      ).bind(id, `bulksv-mr-${i}`, `bulksv-me-${i}`, p.programId),
    );
  }
  await env.DB.batch(people);
});

describe("sending a survey to a large program", () => {
  it("starts a bulk mailing that asks every running pairing's members once, in batches", async () => {
    const coordinator = await signedIn("coord-bulksv@example.org");
    const base = `/programs/${p.programId}/surveys`;
    const made = await coordinator.post(base, {
      title: "Pulse",
      trigger: "once",
      q1kind: "scale",
      q1text: "How is it?",
    });
    const surveyId = /surveys\/([0-9a-f]+)$/.exec(made.headers.get("Location") ?? "")![1]!;
    const job = `survey-${surveyId}`;
    await using mailing = await introspectWorkflowInstance(env.BULK_MAIL, job);
    const res = await coordinator.post(`${base}/${surveyId}/send`, {});
    expect(res.status).toBe(303);
    // The request itself mailed nobody: the Workflow does.
    const during = await coordinator.get(`${base}/${surveyId}?job=${job}`);
    expect(during.res.status).toBe(200);
    await mailing.waitForStatus("complete");
    const members = 2 * PAIRINGS; // the fixture's pairing plus 59 running ones; the closed one is left out
    const asked = await env.DB.prepare("SELECT count(*) AS n FROM survey_requests WHERE survey_id = ?")
      .bind(surveyId)
      .first();
    expect(asked).toEqual({ n: members });
    const mails = await env.DB.prepare(
      "SELECT count(DISTINCT person_id) AS n, count(*) AS rows FROM notifications WHERE kind = 'survey'",
    ).first();
    expect(mails).toEqual({ n: members, rows: members });
    const row = await env.DB.prepare("SELECT kind, status, total, done FROM mail_jobs WHERE id = ?").bind(job).first();
    expect(row).toEqual({ kind: "survey", status: "sent", total: members, done: members });
    expect(Math.ceil(members / BULK_BATCH)).toBe(5);
    const page = await coordinator.get(`${base}/${surveyId}?job=${job}`);
    expect(page.html).toContain(`Sent: ${members} members were asked`);
    expect(page.res.headers.has("Refresh")).toBe(false);
  });
});
