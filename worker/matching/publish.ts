/**
 * Publishing a staged run: every approved proposal becomes a pairing (group programs: one group per mentor), each created
 * only if the mentor still has room at that moment, together with the "you have been matched" mail, in batches that are
 * each one transaction. Published proposals remember their pairing, so publishing again only picks up what is left.
 */
import { startJourneys } from "../journey/start";
import type { pairingRoles } from "../domain/vocabulary";
import { deliverQueued, type MailInput, queueMail } from "../mail/outbox";
import { newId } from "../domain/tokens";
import { pairingStatements } from "./pairings";
import type { Staging } from "./staging-context";

/** Pairings per batch (each pairing is a handful of statements). */
const PAIRINGS_PER_BATCH = 50;

interface Approved {
  id: string;
  mentorId: string;
  menteeId: string;
  mentorName: string;
  mentorEmail: string;
  menteeName: string;
  menteeEmail: string;
}

/** The result of publishing. */
export interface PublishResult {
  pairings: number;
  /** Approved proposals that could not be published because the mentor's places were taken meanwhile. */
  skipped: number;
}

/** One pairing to create from approved proposals. */
interface Group {
  proposals: Approved[];
  members: { personId: string; role: (typeof pairingRoles)[number] }[];
}

/** Groups approved proposals into pairings: one per proposal, or one per mentor in group programs. */
function groupsOf(s: Staging, approved: Approved[]): Group[] {
  if (s.program.type === "group") {
    const byMentor = new Map<string, Approved[]>();
    for (const p of approved) byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p]);
    return [...byMentor.values()].map((ps) => ({
      proposals: ps,
      members: [
        { personId: ps[0]!.mentorId, role: "mentor" },
        ...ps.map((p) => ({ personId: p.menteeId, role: "mentee" as const })),
      ],
    }));
  }
  return approved.map((p) => ({
    proposals: [p],
    members: s.peer
      ? [
          { personId: p.mentorId, role: "peer" },
          { personId: p.menteeId, role: "peer" },
        ]
      : [
          { personId: p.mentorId, role: "mentor" },
          { personId: p.menteeId, role: "mentee" },
        ],
  }));
}

/** The mails telling each member who they were matched with. */
function matchedMails(s: Staging, g: Group, link: string): MailInput[] {
  const people = new Map<string, { name: string; email: string }>();
  for (const p of g.proposals) {
    people.set(p.mentorId, { name: p.mentorName || p.mentorEmail, email: p.mentorEmail });
    people.set(p.menteeId, { name: p.menteeName || p.menteeEmail, email: p.menteeEmail });
  }
  return [...people.entries()].map(([id, me]) => {
    const others = [...people.entries()].filter(([other]) => other !== id).map(([, o]) => o.name);
    return {
      to: me.email,
      subject: `You have been matched in ${s.program.name}`,
      text: `Hello ${me.name},\n\nYou have been matched with ${others.join(", ")} in ${s.program.name}.\n\nSee your pairing: ${link}\n`,
      kind: "matched",
    };
  });
}

/** Publishes the run's approved, unpublished proposals; the run becomes "published" (unapproved proposals are dropped). */
export async function publishRun(env: Env, s: Staging, origin: string, now = Date.now()): Promise<PublishResult> {
  const rows = await env.DB.prepare(
    `SELECT mp.id, mp.mentor_id AS mentorId, mp.mentee_id AS menteeId, mr.name AS mentorName, mr.email AS mentorEmail, me.name AS menteeName, me.email AS menteeEmail
     FROM match_proposals mp JOIN people mr ON mr.id = mp.mentor_id JOIN people me ON me.id = mp.mentee_id
     WHERE mp.run_id = ?1 AND mp.approved = 1 AND mp.pairing_id IS NULL ORDER BY mp.mentor_id, mp.mentee_id`,
  )
    .bind(s.run.id)
    .all<Approved>();
  const groups = groupsOf(s, rows.results);
  const pairingIds: string[] = [];
  for (let i = 0; i < groups.length; i += PAIRINGS_PER_BATCH) {
    const statements: D1PreparedStatement[] = [];
    const queued = { ids: [] as string[], mails: [] as MailInput[] };
    for (const g of groups.slice(i, i + PAIRINGS_PER_BATCH)) {
      const id = newId();
      pairingIds.push(id);
      statements.push(
        ...pairingStatements(env, { id, programId: s.program.id, source: "matching", members: g.members, now }),
      );
      statements.push(
        env.DB.prepare(
          "UPDATE match_proposals SET pairing_id = ?1 WHERE id IN (SELECT value FROM json_each(?2)) AND EXISTS (SELECT 1 FROM pairings WHERE id = ?1)",
        ).bind(id, JSON.stringify(g.proposals.map((p) => p.id))),
      );
      const mail = queueMail(env, matchedMails(s, g, `${origin}/pairings/${id}`), now, {
        sql: "EXISTS (SELECT 1 FROM pairings WHERE id = ?10)",
        params: [id],
      });
      statements.push(...mail.statements);
      queued.ids.push(...mail.ids);
      queued.mails.push(...mail.mails);
    }
    await env.DB.batch(statements);
    await deliverQueued(env, queued);
  }
  const after = await env.DB.prepare(
    "SELECT count(*) AS n FROM match_proposals WHERE run_id = ?1 AND approved = 1 AND pairing_id IS NULL",
  )
    .bind(s.run.id)
    .first<{ n: number }>();
  const made = await env.DB.prepare("SELECT id FROM pairings WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(pairingIds))
    .all<{ id: string }>();
  await startJourneys(
    env,
    made.results.map((r) => r.id),
  );
  const created = { n: made.results.length };
  await env.DB.prepare(
    "UPDATE match_runs SET status = 'published', published_at = ?2 WHERE id = ?1 AND status = 'staged'",
  )
    .bind(s.run.id, now)
    .run();
  return { pairings: created?.n ?? 0, skipped: after?.n ?? 0 };
}
