/**
 * Deleting a person's data, in an order that converges: first every pairing room forgets them (idempotent, and D1 still
 * knows who they are, so a crash here is finished by running again), then one D1 batch erases and tombstones them and
 * logs it. Once the tombstone is written, running again only repeats the (no-op) room step.
 */
import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { db } from "../db/client";
import { matchRequests, memberships, participantImports, people } from "../db/schema";
import { asMember, roomOf } from "../pairings/access";
import type { ForgetReport } from "../room/member-data";
import { type Erasure, erasureStatements } from "./erase-person";
import { pairingsOf } from "./person-pairings";

/** Counts summed over rooms, for the audit log. */
function addUp(reports: ForgetReport[]): Record<string, number> {
  const sum = (k: keyof ForgetReport) => reports.reduce((n, r) => n + Number(r[k]), 0);
  return {
    pairings: reports.length,
    pairingsEnded: sum("ended"),
    messagesRemoved: sum("messages"),
    notesRemoved: sum("notes"),
    linksRemoved: sum("links"),
    checkinAnswersRemoved: sum("checkinAnswers"),
    meetingResponsesRemoved: sum("meetingResponses"),
    outcomeNotesRemoved: sum("outcomeNotes"),
    filesRemoved: sum("files"),
    fileCommentsRemoved: sum("fileComments"),
  };
}

/** Import reports whose bad lines name this address, with those lines left out. */
async function importsNaming(env: Env, email: string): Promise<Erasure["imports"]> {
  const rows = await db(env)
    .select({ id: participantImports.id, bad: participantImports.bad })
    .from(participantImports)
    // Raw SQL fragment: instr() finds the address in the JSON text (no LIKE wildcards or case folding); the builder has
    // none.
    .where(gt(sql`instr(${participantImports.bad}, ${email})`, 0));
  return rows.map((r) => ({ id: r.id, bad: r.bad.filter((b) => !b.reason.includes(email)) }));
}

/** Deletes a person's data everywhere; false when there is no such person. Safe to run again after a failure. */
export async function deletePersonData(env: Env, personId: string, now = Date.now()): Promise<boolean> {
  const d = db(env);
  const person = await d
    .select({ name: people.name, email: people.email, deletedAt: people.deletedAt })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  if (!person) return false;
  const reports: ForgetReport[] = [];
  for (const { pairingId } of await pairingsOf(env, personId)) {
    const forgot = await roomOf(env, pairingId).forgetMember(asMember(personId), personId);
    if (forgot.ok) reports.push(forgot.value);
    else if (forgot.status !== 404) throw new Error(`pairing ${pairingId} could not forget a member: ${forgot.error}`);
  }
  if (person.deletedAt !== null) return true;
  const [programs, requests, imports] = await Promise.all([
    d
      .selectDistinct({ programId: memberships.programId })
      .from(memberships)
      .where(eq(memberships.personId, personId))
      .orderBy(asc(memberships.programId)),
    d
      .select({ mentorId: matchRequests.mentorId, message: matchRequests.message })
      .from(matchRequests)
      .where(and(eq(matchRequests.menteeId, personId), ne(matchRequests.message, ""))),
    importsNaming(env, person.email),
  ]);
  const erasure: Erasure = {
    personId,
    name: person.name,
    email: person.email,
    programIds: programs.map((p) => p.programId),
    requestTexts: requests.map((r) => ({ mentorId: r.mentorId, text: r.message })),
    imports,
    counts: { ...addUp(reports), programs: programs.length },
  };
  await d.batch(erasureStatements(d, erasure, now));
  return true;
}
