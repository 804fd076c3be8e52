/**
 * Bulk mail in a Workflow: a coordinator's message to 60 participants goes out in batches of 25, the page shows the
 * progress without JavaScript, and neither a batch that ran before a restart nor a failed step that is retried gives
 * anyone a second mail.
 */
import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sendProgramMessageBatch } from "../../worker/coordinator/program-message";
import { startDigestMailing } from "../../worker/mail/digest";
import { BULK_BATCH, type BulkMailParams, createMailJob, mailJobOf } from "../../worker/mail/mail-jobs";
import { notify } from "../../worker/mail/notify";
import { type Browser, signedIn } from "../helpers";
import { addMember } from "../matching-fixture";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let coordinator: Browser;
let participants: string[];

beforeAll(async () => {
  p = await makePairing("bulk", ["mentor-bulk@example.org", "mentee-bulk@example.org"], "active");
  participants = [...p.memberIds];
  for (let i = 0; i < 58; i++)
    participants.push(await addMember(p.programId, { email: `bulk${i}@example.org`, role: "mentee" }));
  coordinator = await signedIn("coord-bulk@example.org");
});

const params = (jobId: string): Extract<BulkMailParams, { kind: "program-message" }> => ({
  kind: "program-message",
  jobId,
  programId: p.programId,
  programName: "Program bulk",
  subject: "Term dates",
  body: "We start on Monday.",
  origin: "https://trellis.test",
  recipientIds: participants,
});

async function mailRows(jobId: string) {
  const rows = await env.DB.prepare("SELECT id, person_id FROM notifications WHERE id LIKE ?1")
    .bind(`program-message:${jobId}:%`)
    .all<{ id: string; person_id: string }>();
  return rows.results;
}

describe("bulk mail", () => {
  it("sends batches of 25 in Workflow steps and reports every recipient once", async () => {
    expect(BULK_BATCH).toBe(25);
    const jobId = "bulkjob00000000000000001";
    await createMailJob(env, { id: jobId, programId: p.programId, kind: "program-message", total: 60 });
    await using instance = await introspectWorkflowInstance(env.BULK_MAIL, jobId);
    await env.BULK_MAIL.create({ id: jobId, params: params(jobId) });
    await instance.waitForStatus("complete");
    expect(await instance.waitForStepResult({ name: "batch 1 of 3" })).toBe(25);
    expect(await instance.waitForStepResult({ name: "batch 3 of 3" })).toBe(10);
    expect(await instance.getOutput()).toEqual({ sent: 60 });
    const rows = await mailRows(jobId);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set(participants));
    expect(await mailJobOf(env, jobId, p.programId)).toMatchObject({ status: "sent", total: 60, done: 60 });
  });

  it("after a restart, a batch that had already run and a step that failed and was retried add no second mail", async () => {
    const jobId = "bulkjob00000000000000002";
    await createMailJob(env, { id: jobId, programId: p.programId, kind: "program-message", total: 60 });
    // A run that stopped after writing batch 2 (its step result never recorded): the Workflow runs that batch again.
    await sendProgramMessageBatch(env, params(jobId), 1);
    expect(await mailRows(jobId)).toHaveLength(25);
    await using instance = await introspectWorkflowInstance(env.BULK_MAIL, jobId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "batch 3 of 3" }, new Error("D1 went away"), 2);
    });
    await env.BULK_MAIL.create({ id: jobId, params: params(jobId) });
    await instance.waitForStatus("complete");
    const rows = await mailRows(jobId);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.id)).size).toBe(60);
    expect(await mailJobOf(env, jobId, p.programId)).toMatchObject({ status: "sent", done: 60 });
  });

  it("the message page shows the progress while sending (refreshing itself, no JavaScript) and then that it was sent", async () => {
    const jobId = "bulkjob00000000000000003";
    await createMailJob(env, { id: jobId, programId: p.programId, kind: "program-message", total: 500 });
    await env.DB.prepare("UPDATE mail_jobs SET done = 120 WHERE id = ?1").bind(jobId).run();
    const url = `/programs/${p.programId}/message?job=${jobId}`;
    const sending = await coordinator.get(url);
    expect(sending.res.status).toBe(200);
    expect(sending.html).toContain("Sending your message: 120 of 500 people so far.");
    expect(sending.html).toContain(`<a href="${url}">Refresh</a>`);
    expect(sending.res.headers.get("Refresh")).toBe("3");
    await env.DB.prepare("UPDATE mail_jobs SET status = 'sent', done = 500 WHERE id = ?1").bind(jobId).run();
    const sent = await coordinator.get(url);
    expect(sent.html).toContain("Sent: your message went to 500 people");
    expect(sent.res.headers.has("Refresh")).toBe(false);
  });

  it("shows nothing for another program's mailing or a made-up id", async () => {
    const other = await makePairing("bulk-other", ["m-bo@example.org", "e-bo@example.org"], "active");
    await createMailJob(env, { id: "otherjob", programId: other.programId, kind: "program-message", total: 2 });
    for (const job of ["otherjob", "nope", "%3Cscript%3E"]) {
      const page = await coordinator.get(`/programs/${p.programId}/message?job=${job}`);
      expect(page.res.status).toBe(200);
      expect(page.html).not.toContain("Sending");
      expect(page.html).not.toContain("Sent:");
    }
  });

  it("the Monday cron's digest mailing sends each waiting person one digest, once, even when the cron fires twice", async () => {
    const people = participants.slice(0, 3);
    for (const personId of people) {
      await env.DB.prepare(
        "INSERT OR REPLACE INTO notification_prefs (person_id, category, mode) VALUES (?1, 'meetings', 'digest')",
      )
        .bind(personId)
        .run();
      for (const n of [1, 2])
        await notify(env, { personId, category: "meetings", kind: "meeting-moved", subject: `Moved ${n}`, text: "x" });
    }
    const monday = Date.UTC(2026, 11, 7, 6);
    await using instance = await introspectWorkflowInstance(env.BULK_MAIL, `digest-${monday}`);
    await startDigestMailing(env, monday);
    await instance.waitForStatus("complete");
    await startDigestMailing(env, monday);
    const digests = await env.DB.prepare(
      "SELECT person_id FROM notifications WHERE kind = 'digest' AND person_id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(people))
      .all<{ person_id: string }>();
    expect(digests.results.map((d) => d.person_id).sort()).toEqual([...people].sort());
    expect(await mailJobOf(env, `digest-${monday}`, null)).toMatchObject({ kind: "digest", status: "sent", total: 3 });
  });
});
