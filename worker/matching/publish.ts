/**
 * Publishing a staged run: every approved proposal becomes a pairing (group programs: one group per mentor), each
 * created only if the mentor still has room at that moment, together with the "you have been matched" mail, in batches
 * that are each one transaction. Published proposals remember their pairing, so publishing again only picks up what is
 * left.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "../db/client";
import { matchProposals, matchRuns, people } from "../db/schema";
import { startJourneys } from "../journey/start";
import { issueInvitations, stillInvited } from "../programs/invitations";
import type { pairingRoles } from "../domain/vocabulary";
import { deliverQueued, type MailInput, queueMail } from "../mail/mail-outbox";
import { newId } from "../domain/random-secrets";
import { listText } from "../domain/i18n/intl";
import { mailLocale } from "../domain/i18n/locales";
import { greeting, translator } from "../domain/i18n/translate";
import { existingPairingIds, pairingStatements } from "./pairings";
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
  /** Each person's chosen language (a shipped locale tag), or null. */
  mentorLanguage: string | null;
  menteeLanguage: string | null;
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

/**
 * The mails telling each member who they were matched with; someone who was matched before joining gets their
 * invitation link in the same mail (`invites`: person id → invitation link).
 */
function matchedMails(s: Staging, g: Group, link: string, invites: ReadonlyMap<string, string>): MailInput[] {
  const people = new Map<string, { name: string; email: string; language: string | null }>();
  for (const p of g.proposals) {
    people.set(p.mentorId, { name: p.mentorName || p.mentorEmail, email: p.mentorEmail, language: p.mentorLanguage });
    people.set(p.menteeId, { name: p.menteeName || p.menteeEmail, email: p.menteeEmail, language: p.menteeLanguage });
  }
  const program = s.program.name;
  return [...people.entries()].map(([id, me]) => {
    const locale = mailLocale(me.language, s.program.language);
    const t = translator(locale);
    const others = listText(
      locale,
      [...people.entries()].filter(([other]) => other !== id).map(([, o]) => o.name),
    );
    const invite = invites.get(id);
    const next = invite
      ? `${t("matchedMail.invite", { program, days: 14 })}\n${invite}\n\n${t("matchedMail.thenPairing", { link })}\n`
      : `${t("matchedMail.pairing", { link })}\n`;
    return {
      to: me.email,
      subject: t(invite ? "matchedMail.subjectInvited" : "matchedMail.subject", { program }),
      text: `${greeting(me.name, t)}\n\n${t("matchedMail.body", { others, program })}\n\n${next}`,
      kind: "matched",
    };
  });
}

/** Approved proposals of the run that have no pairing yet. */
const unpublished = (runId: string) =>
  and(eq(matchProposals.runId, runId), eq(matchProposals.approved, true), isNull(matchProposals.pairingId));

/** The run's approved, unpublished proposals with both people's names and addresses, by mentor then mentee. */
function approvedUnpublished(env: Env, runId: string): Promise<Approved[]> {
  const mr = alias(people, "mr");
  const me = alias(people, "me");
  return db(env)
    .select({
      id: matchProposals.id,
      mentorId: matchProposals.mentorId,
      menteeId: matchProposals.menteeId,
      mentorName: mr.name,
      mentorEmail: mr.email,
      menteeName: me.name,
      menteeEmail: me.email,
      mentorLanguage: mr.language,
      menteeLanguage: me.language,
    })
    .from(matchProposals)
    .innerJoin(mr, eq(mr.id, matchProposals.mentorId))
    .innerJoin(me, eq(me.id, matchProposals.menteeId))
    .where(unpublished(runId))
    .orderBy(asc(matchProposals.mentorId), asc(matchProposals.menteeId));
}

/**
 * Publishes the run's approved, unpublished proposals; the run becomes "published" (unapproved proposals are dropped).
 */
export async function publishRun(env: Env, s: Staging, origin: string, now = Date.now()): Promise<PublishResult> {
  const groups = groupsOf(s, await approvedUnpublished(env, s.run.id));
  const pairingIds: string[] = [];
  // People matched before they joined (a run that included invited people) get a fresh invitation with the news.
  const everyone = [...new Set(groups.flatMap((g) => g.members.map((m) => m.personId)))];
  const invited = await stillInvited(env, s.program.id, everyone);
  const tokens = await issueInvitations(env, s.program.id, invited, now);
  const invites = new Map(invited.map((m, i) => [m.personId, `${origin}/invitations/${tokens[i]}`]));
  for (let i = 0; i < groups.length; i += PAIRINGS_PER_BATCH) {
    const statements: D1PreparedStatement[] = [];
    const queued = { ids: [] as string[], mails: [] as MailInput[] };
    for (const g of groups.slice(i, i + PAIRINGS_PER_BATCH)) {
      const id = newId();
      pairingIds.push(id);
      statements.push(
        ...pairingStatements(env, { id, programId: s.program.id, source: "matching", members: g.members, now }),
      );
      // Raw SQL: the proposal ids through json_each, guarded by EXISTS on the pairing in one statement, in a D1 batch
      // with the raw guarded pairing inserts and the mail outbox's statements, which drizzle's batch cannot take.
      statements.push(
        env.DB.prepare(
          "UPDATE match_proposals SET pairing_id = ?1 WHERE id IN (SELECT value FROM json_each(?2)) AND EXISTS (SELECT 1 FROM pairings WHERE id = ?1)",
        ).bind(id, JSON.stringify(g.proposals.map((p) => p.id))),
      );
      const mail = queueMail(env, matchedMails(s, g, `${origin}/pairings/${id}`, invites), now, {
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
  const d = db(env);
  const [after] = await d.select({ n: count() }).from(matchProposals).where(unpublished(s.run.id));
  const made = await existingPairingIds(env, pairingIds);
  await startJourneys(env, made);
  await d
    .update(matchRuns)
    .set({ status: "published", publishedAt: now })
    .where(and(eq(matchRuns.id, s.run.id), eq(matchRuns.status, "staged")));
  return { pairings: made.length, skipped: after?.n ?? 0 };
}
