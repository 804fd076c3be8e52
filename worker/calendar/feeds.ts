/**
 * Building calendar feeds from D1's projection: a person's meetings across all their pairings (or one pairing's), and
 * the milestone days of their pairings that are still running, in the person's own zone.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { meetingChanges, meetings, pairingMembers, pairings, people, programs } from "../db/schema";
import { journeyPlan, templateOf } from "../domain/journey/template";
import { LocalDateTime } from "../domain/local-date-time";
import type {
  Feed,
  FeedDay,
  FeedMeeting,
  MeetingKind,
  MeetingStatus,
  OccurrenceChange,
  Repeat,
  Schedule,
} from "../domain/meetings/types";

type MeetingRow = typeof meetings.$inferSelect;

type PairingRow = {
  id: string;
  createdAt: number;
  endedAt: number | null;
  lengthWeeks: number;
  cadenceDays: number;
  milestoneTemplate: string | null;
  programName: string;
  updated: number | null;
};

/** An occurrence change with the meeting it belongs to. */
type ChangeRow = Omit<OccurrenceChange, "status"> & { meetingId: string; status: string };

/** The columns of an occurrence change, as the feeds (and home's Join link) read them. */
export const changeColumns = {
  meetingId: meetingChanges.meetingId,
  recurrenceId: meetingChanges.recurrenceId,
  status: meetingChanges.status,
  startLocal: meetingChanges.startLocal,
  durationMinutes: meetingChanges.durationMinutes,
  sequence: meetingChanges.sequence,
};

/** A projected meeting row's schedule. */
export function meetingSchedule(
  r: Pick<MeetingRow, "timeZone" | "startLocal" | "durationMinutes" | "repeat" | "count" | "until">,
): Schedule {
  return {
    timeZone: r.timeZone,
    startLocal: r.startLocal,
    durationMinutes: r.durationMinutes,
    repeat: r.repeat as Repeat,
    count: r.count,
    until: r.until,
  };
}

/** The occurrence changes of one meeting, from changes read for several. */
export function changesOf(changes: readonly ChangeRow[], meetingId: string): OccurrenceChange[] {
  return changes
    .filter((c) => c.meetingId === meetingId)
    .map(({ meetingId: _m, ...c }) => ({ ...c, status: c.status as OccurrenceChange["status"] }));
}

/** Turns meeting rows and their changes into feed meetings. */
function toFeedMeetings(rows: MeetingRow[], changes: ChangeRow[], origin: string): FeedMeeting[] {
  return rows.map((r) => ({
    id: r.id,
    pairingId: r.pairingId,
    title: r.title,
    kind: r.kind as MeetingKind,
    location: r.location,
    videoUrl: r.videoUrl,
    schedule: meetingSchedule(r),
    status: r.status as MeetingStatus,
    sequence: r.sequence,
    changes: changesOf(changes, r.id),
    url: `${origin}/pairings/${r.pairingId}/meetings/${r.id}`,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
const dayIn = (epochMs: number, timeZone: string) => LocalDateTime.at(epochMs, timeZone).startOfDay();

/** The milestone days of running pairings (their journey's plan, from the program's template), in `timeZone`. */
function milestoneDays(pairings: PairingRow[], timeZone: string, origin: string): FeedDay[] {
  return pairings
    .filter((p) => p.endedAt === null)
    .flatMap((p) =>
      journeyPlan(
        p.createdAt,
        { lengthWeeks: p.lengthWeeks, cadenceDays: p.cadenceDays },
        templateOf(p.milestoneTemplate),
      )
        .filter((m) => m.kind !== "welcome")
        .map((m) => {
          const first = dayIn(m.due, timeZone);
          const last = m.closes ? dayIn(m.closes - 1, timeZone) : first;
          return {
            uid: `${p.id}-${m.key}@trellis`,
            title: `${m.closes ? `${m.title} open` : m.title} (${p.programName})`,
            start: first.date,
            end: last.add({ days: 1 }).date,
            url: `${origin}/pairings/${p.id}`,
            updatedAt: p.createdAt,
          };
        }),
    );
}

/** A person's feed: every meeting of their pairings (or of `pairingId` only) and their running pairings' milestones. */
export async function buildFeed(
  env: Env,
  personId: string,
  pairingId: string | null,
  origin: string,
): Promise<Feed | null> {
  const d = db(env);
  const scope = d
    .select({ pairingId: pairingMembers.pairingId })
    .from(pairingMembers)
    .where(
      and(
        eq(pairingMembers.personId, personId),
        pairingId === null ? undefined : eq(pairingMembers.pairingId, pairingId),
      ),
    );
  const [person, pairingRows, meetingRows, changes] = await d.batch([
    d
      .select({ name: people.name, email: people.email, timeZone: people.timeZone })
      .from(people)
      .where(eq(people.id, personId)),
    d
      .select({
        id: pairings.id,
        createdAt: pairings.createdAt,
        endedAt: pairings.endedAt,
        lengthWeeks: programs.lengthWeeks,
        cadenceDays: programs.cadenceDays,
        milestoneTemplate: programs.milestoneTemplate,
        programName: programs.name,
        updated: pairings.lastActivityAt,
      })
      .from(pairings)
      .innerJoin(programs, eq(programs.id, pairings.programId))
      .where(inArray(pairings.id, scope)),
    d
      .select()
      .from(meetings)
      .where(inArray(meetings.pairingId, scope))
      .orderBy(asc(meetings.firstStart), asc(meetings.id)),
    d
      .select(changeColumns)
      .from(meetingChanges)
      .innerJoin(meetings, eq(meetings.id, meetingChanges.meetingId))
      .where(inArray(meetings.pairingId, scope)),
  ]);
  const who = person[0];
  if (!who) return null;
  const stamp = Math.max(0, ...meetingRows.map((m) => m.updatedAt), ...pairingRows.map((p) => p.createdAt));
  return {
    name: pairingId ? `Trellis: ${pairingRows[0]?.programName ?? "pairing"}` : `Trellis: ${who.name || who.email}`,
    meetings: toFeedMeetings(meetingRows, changes, origin),
    days: milestoneDays(pairingRows, who.timeZone, origin),
    stamp,
  };
}

/** One meeting of a pairing as a feed meeting (for a single `.ics` download), or null. */
export async function feedMeeting(
  env: Env,
  pairingId: string,
  meetingId: string,
  origin: string,
): Promise<FeedMeeting | null> {
  const d = db(env);
  const [rows, changes] = await d.batch([
    d
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.pairingId, pairingId))),
    d.select(changeColumns).from(meetingChanges).where(eq(meetingChanges.meetingId, meetingId)),
  ]);
  return rows.length ? toFeedMeetings(rows, changes, origin)[0]! : null;
}
