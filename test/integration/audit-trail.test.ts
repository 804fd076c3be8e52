/** Every coordinator action of a first program lands in its audit log, with counts and changes but never contents. */
import { translator } from "../../worker/domain/i18n/translate";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../../worker/domain/audit";
import { Browser, createPerson, createProgramAs } from "../helpers";
import { addMember, idOf, latestRun, type MemberSpec, proposalsOf } from "../matching-fixture";

const coordinator = new Browser();
let programId = "";

/** The program's audit rows, oldest first. */
async function logged(): Promise<{ action: string; detail: Record<string, unknown>; subject_id: string | null }[]> {
  const rows = await env.DB.prepare(
    "SELECT action, detail, subject_id FROM audit_log WHERE program_id = ?1 ORDER BY at, rowid",
  )
    .bind(programId)
    .all<{ action: string; detail: string; subject_id: string | null }>();
  return rows.results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

const actions = async () => (await logged()).map((r) => r.action);

beforeAll(async () => {
  await createPerson("audit-coord@example.org", { canCreatePrograms: true, name: "Audrey" });
  await coordinator.signIn("audit-coord@example.org");
});

describe("the audit log of a first program", () => {
  it("logs creating the program, and an edit with what changed", async () => {
    programId = await createProgramAs(coordinator, "Audited");
    const edit = {
      name: "Audited cohort",
      description: "",
      type: "one-to-one",
      length_weeks: "12",
      cadence_days: "7",
      matching_mode: "coordinator",
    };
    expect((await coordinator.post(`/programs/${programId}/edit`, edit)).status).toBe(303);
    // Saving the same values again changes nothing and logs nothing.
    expect((await coordinator.post(`/programs/${programId}/edit`, edit)).status).toBe(303);
    const rows = await logged();
    expect(rows.map((r) => r.action)).toEqual(["program.create", "program.settings"]);
    expect(rows[1]!.detail).toEqual({
      changes: { name: ["Audited", "Audited cohort"], cadenceDays: [14, 7] },
    });
  });

  it("logs an import with its counts only, each invitation, and the batch of pending invitations", async () => {
    const csv =
      "email,name,role\nimp1@example.org,Imp One,mentee\nimp2@example.org,Imp Two,mentor\nnot-an-email,X,mentee\n";
    expect((await coordinator.post(`/programs/${programId}/import`, { csv_text: csv })).status).toBe(303);
    expect(
      (await coordinator.post(`/programs/${programId}/invitations`, { email: "inv@example.org", role: "mentee" }))
        .status,
    ).toBe(303);
    expect((await coordinator.post(`/programs/${programId}/invitations/pending`, {})).status).toBe(303);
    const rows = (await logged()).slice(2);
    expect(rows.map((r) => r.action)).toEqual(["participants.import", "invitation.send", "invitation.batch"]);
    expect(rows[0]!.detail).toEqual({ counts: { added: 2, present: 0, invalid: 1 } });
    expect(JSON.stringify(rows[0])).not.toContain("imp1@example.org");
    expect(rows[1]!.detail).toEqual({ role: "mentee" });
    expect(rows[1]!.subject_id).not.toBeNull();
    expect(rows[2]!.detail).toEqual({ counts: { invitations: 2 } });
  });

  it("logs matching rules, avoid lists, a run, every proposal change, approval, publishing and a discarded run", async () => {
    const people: MemberSpec[] = [
      { email: "am@example.org", role: "mentor", expertise: ["design"], capacity: 1 },
      { email: "bm@example.org", role: "mentor", expertise: ["design"], capacity: 2 },
      { email: "ae@example.org", role: "mentee", goals: ["design"] },
      { email: "be@example.org", role: "mentee", goals: ["design"] },
    ];
    for (const m of people) await addMember(programId, { ...m, name: m.email.split("@")[0]! });
    const settings = {
      goals: "60",
      languages: "20",
      availability: "10",
      channels: "10",
      goals_for_full: "3",
      hours_for_full: "2",
      max_mentors_per_mentee: "1",
      request_expiry_days: "14",
      attributes: "",
    };
    expect((await coordinator.post(`/programs/${programId}/matching/settings`, settings)).status).toBe(303);
    const avoid = { person_email: "am@example.org", avoid_email: "be@example.org" };
    expect((await coordinator.post(`/programs/${programId}/matching/settings/avoid`, avoid)).status).toBe(303);
    const removeAvoid = { person_id: idOf("am@example.org"), avoid_id: idOf("be@example.org") };
    expect((await coordinator.post(`/programs/${programId}/matching/settings/avoid/remove`, removeAvoid)).status).toBe(
      303,
    );
    expect((await coordinator.post(`/programs/${programId}/matching/run`, {})).status).toBe(303);
    const runId = (await latestRun(programId))!.id as string;
    const base = `/programs/${programId}/matching/${runId}`;
    const [first, second] = await proposalsOf(programId);
    expect(second).toBeDefined();
    // The proposal page ranks the allowed swaps, each a button (no address to type).
    const proposalPage = (await coordinator.get(`${base}/proposals/${first!.id}`)).html;
    const otherMentee = first!.mentee_id === idOf("ae@example.org") ? "be@example.org" : "ae@example.org";
    expect(proposalPage).toContain("Swap mentors with another proposal");
    expect(proposalPage).toMatch(new RegExp(`name="other_email" value="${otherMentee}"`));
    expect(proposalPage).toMatch(/total [+−]\d+/);
    expect((await coordinator.post(`${base}/proposals/${first!.id}/swap`, { other_email: otherMentee })).status).toBe(
      303,
    );
    expect((await coordinator.post(`${base}/proposals/${first!.id}/remove`, {})).status).toBe(303);
    expect((await coordinator.post(`${base}/approve`, { all: "1" })).status).toBe(303);
    expect((await coordinator.post(`${base}/publish`, {})).status).toBe(303);
    expect((await coordinator.post(`/programs/${programId}/matching/run`, {})).status).toBe(303);
    const second_run = (await latestRun(programId))!.id as string;
    expect((await coordinator.post(`/programs/${programId}/matching/${second_run}/discard`, {})).status).toBe(303);

    const rows = (await logged()).slice(5);
    expect(rows.map((r) => r.action)).toEqual([
      "matching.settings",
      "matching.avoid",
      "matching.avoid",
      "matching.run",
      "proposal.change",
      "proposal.change",
      "matching.approve",
      "matching.publish",
      "matching.run",
      "matching.discard",
    ]);
    expect(rows[0]!.detail).toMatchObject({ changes: { goals: [40, 60], availability: [30, 10] } });
    expect(rows.filter((r) => r.action === "proposal.change").map((r) => r.detail.change)).toEqual(["swap", "remove"]);
    expect(rows[7]!.detail).toEqual({ counts: { pairings: 1, skipped: 0 } });
  });

  it("shows every entry on the audit page as a sentence", async () => {
    const english = translator("en");
    const html = (await coordinator.get(`/programs/${programId}/audit`)).html;
    expect(html).not.toContain("Nothing has been done yet");
    for (const action of new Set(await actions()))
      expect(html).toContain(english(AUDIT_ACTIONS[action as keyof typeof AUDIT_ACTIONS]).replace(/'/g, "&#39;"));
    expect(html).toContain("2 added · 0 already there · 1 row with problems");
    expect(html).toContain("1 pairing · 0 skipped");
    expect(html).toContain("Check-in cadence (days): 14 → 7");
    expect(html).toContain("swapped with another proposal");
  });
});
