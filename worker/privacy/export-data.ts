/**
 * "Download everything Trellis holds about you": a person's D1 records and, from each pairing room, what they wrote
 * there. The one place that reads every table holding a person's data, in one batch (one consistent snapshot), so its
 * queries live together here rather than each in its table's owner.
 */
import { asc, eq, or, sql } from "drizzle-orm";
import { alias, union } from "drizzle-orm/sqlite-core";
import { personAudit } from "../audit/audit-log";
import { db } from "../db/client";
import {
  calendarTokens,
  invitations,
  matchProposals,
  matchRequests,
  meetings,
  memberships,
  notificationPrefs,
  notifications,
  pairingMembers,
  pairings,
  people,
  programs,
  sessions,
} from "../db/schema";
import { isoUtc } from "../domain/csv-writer";
import { asMember, roomOf } from "../pairings/access";
import { personSurveyAnswers } from "../surveys/surveys";
import { personName } from "../pairings/people-sql";
import type { Person } from "../domain/records";
import { pairingsOf } from "./person-pairings";

type Row = Record<string, unknown>;

/** Epoch-ms columns (by name) turned into ISO 8601 UTC strings, so the file reads without a converter. */
function withIsoTimes(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, /(_at|At)$/.test(k) && typeof v === "number" ? isoUtc(v) : v]),
  );
}

/** Parses JSON text columns the builder does not decode itself (a pairing's members) so the file holds them as data. */
function withJson(row: Row, columns: string[]): Row {
  const out = { ...row };
  for (const c of columns) if (typeof out[c] === "string") out[c] = JSON.parse(out[c] as string);
  return out;
}

/**
 * The person's D1 records, one query per section of the file, all in one batch (one consistent snapshot). Keys are the
 * file's field names. The raw fragments are what the builder has no words for: a CASE per row, the shared person-name
 * label (people-sql.ts), and json_group_array.
 */
async function d1Records(env: Env, person: Person) {
  const d = db(env);
  const id = person.id;
  const other = alias(people, "o");
  const notificationColumns = {
    id: notifications.id,
    subject: notifications.subject,
    kind: notifications.kind,
    status: notifications.status,
    created_at: notifications.createdAt,
    sent_at: notifications.sentAt,
    delivered_at: notifications.deliveredAt,
    body_text: notifications.bodyText,
  };
  const [
    membershipRows,
    requestRows,
    proposalRows,
    pairingRows,
    meetingRows,
    preferenceRows,
    notificationRows,
    feedRows,
    sessionRows,
    invitationRows,
  ] = await d.batch([
    d
      .select({
        program_id: memberships.programId,
        program: programs.name,
        role: memberships.role,
        status: memberships.status,
        created_at: memberships.createdAt,
        invited_at: memberships.invitedAt,
        attributes: memberships.attributes,
        wants: memberships.wants,
      })
      .from(memberships)
      .innerJoin(programs, eq(programs.id, memberships.programId))
      .where(eq(memberships.personId, id))
      .orderBy(asc(memberships.createdAt)),
    d
      .select({
        id: matchRequests.id,
        program: programs.name,
        direction: sql<string>`CASE WHEN ${matchRequests.menteeId} = ${id} THEN 'sent' ELSE 'received' END`.as(
          "direction",
        ),
        other_person: sql<string>`${sql.raw(personName("o"))}`.as("other_person"),
        message: matchRequests.message,
        status: matchRequests.status,
        reason: matchRequests.reason,
        created_at: matchRequests.createdAt,
        expires_at: matchRequests.expiresAt,
        decided_at: matchRequests.decidedAt,
        pairing_id: matchRequests.pairingId,
      })
      .from(matchRequests)
      .innerJoin(programs, eq(programs.id, matchRequests.programId))
      .innerJoin(
        other,
        eq(
          other.id,
          sql`CASE WHEN ${matchRequests.menteeId} = ${id} THEN ${matchRequests.mentorId} ELSE ${matchRequests.menteeId} END`,
        ),
      )
      .where(or(eq(matchRequests.menteeId, id), eq(matchRequests.mentorId, id)))
      .orderBy(asc(matchRequests.createdAt)),
    d
      .select({
        id: matchProposals.id,
        program: programs.name,
        your_side: sql<string>`CASE WHEN ${matchProposals.mentorId} = ${id} THEN 'mentor' ELSE 'mentee' END`.as(
          "your_side",
        ),
        other_person: sql<string>`${sql.raw(personName("o"))}`.as("other_person"),
        score: matchProposals.score,
        reasons: matchProposals.reasons,
        approved: matchProposals.approved,
        pairing_id: matchProposals.pairingId,
        updated_at: matchProposals.updatedAt,
      })
      .from(matchProposals)
      .innerJoin(programs, eq(programs.id, matchProposals.programId))
      .innerJoin(
        other,
        eq(
          other.id,
          sql`CASE WHEN ${matchProposals.mentorId} = ${id} THEN ${matchProposals.menteeId} ELSE ${matchProposals.mentorId} END`,
        ),
      )
      .where(or(eq(matchProposals.mentorId, id), eq(matchProposals.menteeId, id)))
      .orderBy(asc(matchProposals.updatedAt)),
    d
      .select({
        id: pairings.id,
        program: programs.name,
        your_role: pairingMembers.role,
        stage: pairings.stage,
        stage_reason: pairings.stageReason,
        created_at: pairings.createdAt,
        ended_at: pairings.endedAt,
        members: sql<string>`(SELECT json_group_array(json_object('name', ${sql.raw(personName("pe"))}, 'role', o.role))
          FROM pairing_members o JOIN people pe ON pe.id = o.person_id WHERE o.pairing_id = ${pairings.id})`.as(
          "members",
        ),
      })
      .from(pairingMembers)
      .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
      .innerJoin(programs, eq(programs.id, pairings.programId))
      .where(eq(pairingMembers.personId, id))
      .orderBy(asc(pairings.createdAt)),
    d
      .select({
        id: meetings.id,
        pairing_id: meetings.pairingId,
        title: meetings.title,
        kind: meetings.kind,
        location: meetings.location,
        video_url: meetings.videoUrl,
        time_zone: meetings.timeZone,
        start_local: meetings.startLocal,
        duration_minutes: meetings.durationMinutes,
        repeat: meetings.repeat,
        status: meetings.status,
        organizer: meetings.organizerId,
      })
      .from(pairingMembers)
      .innerJoin(meetings, eq(meetings.pairingId, pairingMembers.pairingId))
      .where(eq(pairingMembers.personId, id))
      .orderBy(asc(meetings.firstStart)),
    d
      .select({ category: notificationPrefs.category, mode: notificationPrefs.mode })
      .from(notificationPrefs)
      .where(eq(notificationPrefs.personId, id))
      .orderBy(asc(notificationPrefs.category)),
    union(
      d.select(notificationColumns).from(notifications).where(eq(notifications.toEmail, person.email)),
      d.select(notificationColumns).from(notifications).where(eq(notifications.personId, id)),
    ).orderBy(asc(notifications.createdAt)),
    d
      .select({
        pairing_id: calendarTokens.pairingId,
        created_at: calendarTokens.createdAt,
        revoked_at: calendarTokens.revokedAt,
        last_used_at: calendarTokens.lastUsedAt,
      })
      .from(calendarTokens)
      .where(eq(calendarTokens.personId, id))
      .orderBy(asc(calendarTokens.createdAt)),
    d
      .select({ created_at: sessions.createdAt, expires_at: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.personId, id))
      .orderBy(asc(sessions.createdAt)),
    d
      .select({
        program: programs.name,
        role: invitations.role,
        created_at: invitations.createdAt,
        expires_at: invitations.expiresAt,
        used_at: invitations.usedAt,
      })
      .from(invitations)
      .innerJoin(programs, eq(programs.id, invitations.programId))
      .where(eq(invitations.personId, id))
      .orderBy(asc(invitations.createdAt)),
  ]);
  return {
    memberships: membershipRows,
    matchRequests: requestRows,
    // As stored (0 or 1), as the file has always had it.
    matchProposals: proposalRows.map((r) => ({ ...r, approved: r.approved ? 1 : 0 })),
    pairings: pairingRows,
    meetings: meetingRows.map(({ organizer, ...r }) => ({ ...r, you_organised: organizer === id ? 1 : 0 })),
    notificationPreferences: preferenceRows,
    notifications: notificationRows,
    calendarFeeds: feedRows,
    sessions: sessionRows,
    invitations: invitationRows,
  };
}

/** Everything Trellis holds about a person, as one JSON-ready object (their own words included: it is theirs). */
export async function collectPersonData(env: Env, person: Person, now = Date.now()) {
  const records = await d1Records(env, person);
  const d1 = Object.fromEntries(
    Object.entries(records).map(([k, rows]) => [k, (rows as Row[]).map(withIsoTimes)]),
  ) as Record<keyof typeof records, Row[]>;
  const rooms = await Promise.all(
    (await pairingsOf(env, person.id)).map(({ pairingId }) =>
      roomOf(env, pairingId).exportMember(asMember(person.id), person.id),
    ),
  );
  const { deletedAt: _d, ...profile } = person;
  return {
    about: "Everything Trellis holds about you, as of the time below. Times are ISO 8601 UTC.",
    exportedAt: isoUtc(now),
    profile: withIsoTimes(profile as unknown as Row),
    memberships: d1.memberships,
    matchRequests: d1.matchRequests,
    matchProposals: d1.matchProposals,
    pairings: d1.pairings.map((r) => withJson(r, ["members"])),
    yourContentInPairings: rooms.flatMap((r) => (r.ok ? [r.value] : [])),
    meetings: d1.meetings,
    notificationPreferences: d1.notificationPreferences,
    notifications: d1.notifications,
    calendarFeeds: d1.calendarFeeds,
    sessions: d1.sessions,
    invitations: d1.invitations,
    surveyAnswers: (await personSurveyAnswers(env, person.id)).map((a) => withIsoTimes(a as unknown as Row)),
    audit: (await personAudit(env, person.id)).map((a) => ({
      action: a.action,
      pairingId: a.pairingId,
      by: a.actorId === person.id ? "you" : a.actorName,
      detail: a.detail,
      at: isoUtc(a.at),
    })),
  };
}
