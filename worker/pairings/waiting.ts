/**
 * What the pairing projection says is waiting for a member, across their running pairings: agreements to sign, meeting
 * proposals to answer, open check-ins, unread chat, and the next video meeting. One D1 batch; no room is called.
 */
import { and, asc, eq, gt, inArray, isNull, lte, ne, notExists, sql } from "drizzle-orm";
import { db } from "../db/client";
import {
  checkinAnswers,
  checkins,
  meetingChanges,
  meetings,
  pairingMembers,
  pairings,
  people,
  programs,
} from "../db/schema";
import { occurrences } from "../domain/meetings/recurrence";
import type { NextVideoMeeting, Partner } from "../domain/waiting";
import { changeColumns, changesOf, meetingSchedule } from "../calendar/feeds";

/** One of the member's running pairings with what the projection knows of their part in it. */
export interface MemberPairing {
  pairingId: string;
  programName: string;
  stage: string;
  agreementVersion: number;
  signedVersion: number;
  unread: number;
  partners: Partner[];
}

/** What the projection holds for a member: their running pairings, proposals and check-ins waiting for them. */
export interface MemberWaiting {
  pairings: MemberPairing[];
  meetings: { pairingId: string; meetingId: string; title: string; start: number; end: number }[];
  checkins: { pairingId: string; checkinId: string; milestone: string; closesAt: number }[];
  next: NextVideoMeeting | null;
}

/** The ids of the person's pairings that have not ended (or just `pairingId`, if it is one of them), as a subquery. */
function pairingsOf(d: ReturnType<typeof db>, personId: string, pairingId: string | null) {
  return d
    .select({ id: pairingMembers.pairingId })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(
      and(
        eq(pairingMembers.personId, personId),
        isNull(pairings.endedAt),
        pairingId === null ? undefined : eq(pairings.id, pairingId),
      ),
    );
}

/** The other members of the person's running pairings, with their zones. */
function partnersQuery(d: ReturnType<typeof db>, personId: string, mine: ReturnType<typeof pairingsOf>) {
  return d
    .select({
      pairingId: pairingMembers.pairingId,
      name: people.name,
      email: people.email,
      timeZone: people.timeZone,
      deletedAt: people.deletedAt,
    })
    .from(pairingMembers)
    .innerJoin(people, eq(people.id, pairingMembers.personId))
    .where(and(inArray(pairingMembers.pairingId, mine), ne(pairingMembers.personId, personId)))
    .orderBy(asc(people.name));
}

type PartnerRow = { pairingId: string; name: string; email: string; timeZone: string; deletedAt: number | null };

/** Partners by pairing, as items name them. */
const partnersFrom =
  (rows: PartnerRow[]) =>
  (id: string): Partner[] =>
    rows
      .filter((o) => o.pairingId === id)
      .map((o) => ({ name: o.deletedAt ? "Deleted person" : o.name || o.email, timeZone: o.timeZone }));

/** Reads what is waiting for `personId` in their pairings that have not ended. */
export async function memberWaiting(env: Env, personId: string, now: number): Promise<MemberWaiting> {
  const d = db(env);
  const mine = pairingsOf(d, personId, null);
  const [[rows, others, proposals, open], next] = await Promise.all([
    d.batch([
      d
        .select({
          pairingId: pairings.id,
          programName: programs.name,
          stage: pairings.stage,
          agreementVersion: pairings.agreementVersion,
          signedVersion: pairingMembers.agreementSignedVersion,
          unread: pairingMembers.unreadCount,
        })
        .from(pairingMembers)
        .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
        .innerJoin(programs, eq(programs.id, pairings.programId))
        .where(and(eq(pairingMembers.personId, personId), inArray(pairings.id, mine)))
        .orderBy(asc(programs.name), asc(pairings.createdAt)),
      partnersQuery(d, personId, mine),
      d
        .select({
          pairingId: meetings.pairingId,
          meetingId: meetings.id,
          title: meetings.title,
          start: meetings.firstStart,
          end: meetings.lastEnd,
        })
        .from(meetings)
        .where(
          and(
            inArray(meetings.pairingId, mine),
            eq(meetings.status, "proposed"),
            gt(meetings.lastEnd, now),
            sql`EXISTS (SELECT 1 FROM json_each(${meetings.awaiting}) WHERE value = ${personId})`,
          ),
        )
        .orderBy(asc(meetings.firstStart)),
      d
        .select({
          pairingId: checkins.pairingId,
          checkinId: checkins.id,
          milestone: checkins.milestone,
          closesAt: checkins.closesAt,
        })
        .from(checkins)
        .where(
          and(
            inArray(checkins.pairingId, mine),
            lte(checkins.opensAt, now),
            gt(checkins.closesAt, now),
            notExists(
              d
                .select({ x: sql`1` })
                .from(checkinAnswers)
                .where(and(eq(checkinAnswers.checkinId, checkins.id), eq(checkinAnswers.personId, personId))),
            ),
          ),
        )
        .orderBy(asc(checkins.closesAt)),
    ]),
    nextVideoMeeting(env, personId, now),
  ]);
  const partnersOf = partnersFrom(others);
  return {
    pairings: rows.map((r) => ({ ...r, partners: partnersOf(r.pairingId) })),
    meetings: proposals,
    checkins: open,
    next,
  };
}

/**
 * The next occurrence (not cancelled, not over) of a confirmed video meeting in the person's running pairings (or in
 * `pairingId` only), for a Join link; null when there is none.
 */
export async function nextVideoMeeting(
  env: Env,
  personId: string,
  now: number,
  pairingId: string | null = null,
): Promise<NextVideoMeeting | null> {
  const d = db(env);
  const mine = pairingsOf(d, personId, pairingId);
  const upcomingVideo = and(
    inArray(meetings.pairingId, mine),
    eq(meetings.kind, "video"),
    eq(meetings.status, "confirmed"),
    gt(meetings.lastEnd, now),
  );
  const [others, videos, changes] = await d.batch([
    partnersQuery(d, personId, mine),
    d.select().from(meetings).where(upcomingVideo).orderBy(asc(meetings.firstStart)).limit(20),
    d
      .select(changeColumns)
      .from(meetingChanges)
      .innerJoin(meetings, eq(meetings.id, meetingChanges.meetingId))
      .where(upcomingVideo),
  ]);
  const partnersOf = partnersFrom(others);
  let next: NextVideoMeeting | null = null;
  for (const m of videos) {
    const o = occurrences(meetingSchedule(m), changesOf(changes, m.id)).find((x) => !x.cancelled && x.end > now);
    if (o && (!next || o.start < next.start))
      next = {
        pairingId: m.pairingId,
        meetingId: m.id,
        title: m.title,
        start: o.start,
        end: o.end,
        videoUrl: m.videoUrl,
        partners: partnersOf(m.pairingId),
      };
  }
  return next;
}
