/**
 * The D1 side of deleting a person's data, as one batch (one transaction): mail about them to others loses their name,
 * address and request text; their sessions, sign-in links, invitations, calendar feeds, preferences, mail, rate-limit
 * events, request texts, check-in answers, avoid lists, unpublished proposals and memberships go; survey answers go; import reports lose
 * lines naming them; their people row becomes an anonymous tombstone; and the deletion is logged, counts only.
 *
 * The one place that writes to the tables of other modules (mail, calendar, matching, programs, people, audit): the
 * erasure has to be one transaction, so its statements live together here rather than each in its table's owner.
 */
import { deleteScimData } from "../scim/scim-users";
import { deleteSurveyData } from "../surveys/surveys";
import { and, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import { auditInsert } from "../audit/audit-log";
import type { Db } from "../db/client";
import {
  calendarTokens,
  checkinAnswers,
  invitations,
  loginTokens,
  matchAvoids,
  matchProposals,
  matchRequests,
  memberships,
  meetingReminderPrefs,
  notificationPrefs,
  notifications,
  pairingMembers,
  participantImports,
  people,
  rateEvents,
  sessions,
} from "../db/schema";
import { DELETED_NAME } from "../room/member-data";

/** Who is being deleted, and what the rooms removed (for the audit log). */
export interface Erasure {
  personId: string;
  name: string;
  email: string;
  /** Programs they belonged to: one audit row each. */
  programIds: string[];
  /** Match request texts they wrote, with the mentor each was mailed to. */
  requestTexts: { mentorId: string; text: string }[];
  /** Import reports whose bad-line list names their address, with that list without those lines. */
  imports: { id: string; bad: { line: number; reason: string }[] }[];
  counts: Record<string, number>;
}

/** Raw SQL fragment: `replace(column, word, by)`, a function the builder does not have. */
const replaced = (column: typeof notifications.subject | typeof notifications.bodyText, word: string, by: string) =>
  sql<string>`replace(${column}, ${word}, ${by})`;

/**
 * Raw SQL fragment: true when the column contains `word` (instr: no LIKE wildcards, no case folding), which the builder
 * cannot say.
 */
const contains = (column: typeof notifications.subject | typeof notifications.bodyText, word: string) =>
  gt(sql`instr(${column}, ${word})`, 0);

/**
 * The statements, in order; run them with `db(env).batch`. This is the one place that writes to every table holding a
 * person's data (deletion must be one transaction), so it reaches past those tables' own modules on purpose.
 */
export function erasureStatements(d: Db, e: Erasure, now: number): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  const id = e.personId;
  // Mail to people who share a program with the person (found through the recipients' index on to_email).
  const mine = alias(memberships, "mine");
  const theirs = alias(memberships, "theirs");
  const coMemberEmails = d
    .select({ email: people.email })
    .from(mine)
    .innerJoin(theirs, eq(theirs.programId, mine.programId))
    .innerJoin(people, eq(people.id, theirs.personId))
    .where(and(eq(mine.personId, id), ne(theirs.personId, id)));
  const scrub = [e.email, e.name]
    .filter((w) => w.trim().length >= 2)
    .map((word) =>
      d
        .update(notifications)
        .set({
          subject: replaced(notifications.subject, word, DELETED_NAME),
          bodyText: replaced(notifications.bodyText, word, DELETED_NAME),
        })
        .where(
          and(
            inArray(notifications.toEmail, coMemberEmails),
            or(contains(notifications.subject, word), contains(notifications.bodyText, word)),
          ),
        ),
    );
  const requestMail = e.requestTexts
    .filter((r) => r.text.trim())
    .map((r) =>
      d
        .update(notifications)
        .set({ bodyText: replaced(notifications.bodyText, r.text, "(message removed)") })
        .where(
          and(
            eq(notifications.toEmail, d.select({ email: people.email }).from(people).where(eq(people.id, r.mentorId))),
            contains(notifications.bodyText, r.text),
          ),
        ),
    );
  const audit = [...e.programIds, null].map((programId) =>
    auditInsert(d, {
      programId,
      actorId: id,
      subjectId: id,
      action: "person.delete",
      detail: e.counts,
      at: now,
    }),
  );
  const theirRequests = or(eq(matchRequests.menteeId, id), eq(matchRequests.mentorId, id));
  const statements: BatchItem<"sqlite">[] = [
    ...scrub,
    ...requestMail,
    d.delete(sessions).where(eq(sessions.personId, id)),
    d.delete(loginTokens).where(eq(loginTokens.email, e.email)),
    d.delete(invitations).where(eq(invitations.personId, id)),
    d.delete(calendarTokens).where(eq(calendarTokens.personId, id)),
    deleteSurveyData(d, id),
    deleteScimData(d, id),
    d.delete(notificationPrefs).where(eq(notificationPrefs.personId, id)),
    d.delete(meetingReminderPrefs).where(eq(meetingReminderPrefs.personId, id)),
    d.delete(notifications).where(eq(notifications.toEmail, e.email)),
    d.delete(notifications).where(eq(notifications.personId, id)),
    d.delete(rateEvents).where(eq(rateEvents.bucket, `signin:addr:${e.email}`)),
    // Their requests lose their words; pending ones are withdrawn; each keeps the first time it was decided.
    d.update(matchRequests).set({ message: "", reason: "" }).where(theirRequests),
    d
      .update(matchRequests)
      .set({ status: "withdrawn" })
      .where(and(theirRequests, eq(matchRequests.status, "pending"))),
    d
      .update(matchRequests)
      .set({ decidedAt: now })
      .where(and(theirRequests, isNull(matchRequests.decidedAt))),
    d
      .delete(matchProposals)
      .where(
        and(or(eq(matchProposals.mentorId, id), eq(matchProposals.menteeId, id)), isNull(matchProposals.pairingId)),
      ),
    d.delete(matchAvoids).where(or(eq(matchAvoids.personId, id), eq(matchAvoids.avoidId, id))),
    d
      .delete(checkinAnswers)
      .where(
        and(
          eq(checkinAnswers.personId, id),
          inArray(
            checkinAnswers.pairingId,
            d
              .select({ pairingId: pairingMembers.pairingId })
              .from(pairingMembers)
              .where(eq(pairingMembers.personId, id)),
          ),
        ),
      ),
    d.delete(memberships).where(eq(memberships.personId, id)),
    ...e.imports.map((i) => d.update(participantImports).set({ bad: i.bad }).where(eq(participantImports.id, i.id))),
    d
      .update(people)
      .set({
        name: DELETED_NAME,
        email: `deleted-${id}@deleted.invalid`,
        pronouns: "",
        bio: "",
        timeZone: "UTC",
        goals: [],
        expertise: [],
        interests: [],
        languages: [],
        channels: [],
        availability: [],
        contactStart: 540,
        contactEnd: 1080,
        capacity: 0,
        unavailable: true,
        canCreatePrograms: false,
        deletedAt: now,
        updatedAt: now,
      })
      .where(and(eq(people.id, id), isNull(people.deletedAt))),
    ...audit,
  ];
  return statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}
