/**
 * Building calendar feeds from D1's projection: a person's meetings across all their pairings (or one pairing's), and
 * the milestone days of their pairings that are still running, in the person's own zone.
 */
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { type Db, db } from "../db/client";
import { calendarTokens, meetingChanges, meetings, pairingMembers, pairings, people, programs } from "../db/schema";
import { journeyPlan, milestoneName, templateOf } from "../domain/journey/template";
import { type Locale, mailLocale } from "../domain/i18n/locales";
import { type Translate, translator } from "../domain/i18n/translate";
import { describeMeeting } from "../domain/meetings/describe";
import { LocalDateTime } from "../domain/local-date-time";
import { sha256Hex } from "../domain/random-secrets";
import { feedLinkQuery, isFeedToken, liveFeedLink, noteFeedLinkUse } from "./feed-links";
import { renderedFeedToIcs, renderedMeeting } from "./ics";
import { blockKey, keepBlock, keptBlock, mergeBlocks, type PairingBlock } from "./rendered-pairings";
import type {
  FeedDay,
  FeedMeeting,
  MeetingKind,
  MeetingStatus,
  OccurrenceChange,
  Repeat,
  Schedule,
} from "../domain/meetings/types";

/** The columns of a meeting a feed is written from (not who is awaited, nor the range columns). */
const feedMeetingColumns = {
  id: meetings.id,
  pairingId: meetings.pairingId,
  title: meetings.title,
  kind: meetings.kind,
  location: meetings.location,
  videoUrl: meetings.videoUrl,
  timeZone: meetings.timeZone,
  startLocal: meetings.startLocal,
  durationMinutes: meetings.durationMinutes,
  repeat: meetings.repeat,
  count: meetings.count,
  until: meetings.until,
  status: meetings.status,
  sequence: meetings.sequence,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
};

type MeetingRow = Pick<typeof meetings.$inferSelect, keyof typeof feedMeetingColumns>;

type PairingRow = {
  id: string;
  createdAt: number;
  endedAt: number | null;
  projectionVersion: number;
  lengthWeeks: number;
  cadenceDays: number;
  milestoneTemplate: string | null;
  programName: string;
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

/** Turns meeting rows and their changes into feed meetings, described in the language of `t`. */
function toFeedMeetings(rows: MeetingRow[], changes: ChangeRow[], origin: string, t: Translate): FeedMeeting[] {
  // Grouped once: filtering every meeting's changes out of all of them is quadratic in a large feed.
  const byMeeting = new Map<string, ChangeRow[]>();
  for (const c of changes) {
    const list = byMeeting.get(c.meetingId);
    if (list) list.push(c);
    else byMeeting.set(c.meetingId, [c]);
  }
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
    changes: (byMeeting.get(r.id) ?? []).map(({ meetingId: _m, ...c }) => ({
      ...c,
      status: c.status as OccurrenceChange["status"],
    })),
    url: `${origin}/pairings/${r.pairingId}/meetings/${r.id}`,
    description: describeMeeting(r, `${origin}/pairings/${r.pairingId}/meetings/${r.id}`, t),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
const dayIn = (epochMs: number, timeZone: string) => LocalDateTime.at(epochMs, timeZone).startOfDay();

/** The milestone days of running pairings (their journey's plan, from the program's template), in `timeZone`. */
function milestoneDays(pairings: PairingRow[], timeZone: string, origin: string, t: Translate): FeedDay[] {
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
            title: `${m.closes ? t("feed.windowOpen", { name: milestoneName(m, t) }) : milestoneName(m, t)} (${p.programName})`,
            start: first.date,
            end: last.add({ days: 1 }).date,
            url: `${origin}/pairings/${p.id}`,
            updatedAt: p.createdAt,
          };
        }),
    );
}

/** What a feed is about, read before its meetings: the person, the scope's pairings and their programs. */
export interface FeedHead {
  personId: string;
  pairingId: string | null;
  origin: string;
  person: { name: string; email: string; timeZone: string; language: string | null };
  pairings: PairingRow[];
  /** The language the feed speaks: its owner's choice, else their program's, else English. */
  locale: Locale;
  /**
   * The feed's version: a hash of everything above, the pairings' projection versions included. The room moves a
   * pairing's projection version forward with every change it projects (meetings and their changes, check-ins, the
   * pairing's end), and the milestones follow from the pairings and their programs' settings, so any change to what
   * the feed shows gives a new version; the same version always renders the same body.
   */
  version: string;
}

/** The pairings a feed covers: its person's (or only the link's pairing), through the live link `hash`. */
function scopeOf(d: Db, hash: string) {
  return d
    .select({ pairingId: pairingMembers.pairingId })
    .from(pairingMembers)
    .innerJoin(
      calendarTokens,
      and(
        eq(calendarTokens.personId, pairingMembers.personId),
        or(isNull(calendarTokens.pairingId), eq(calendarTokens.pairingId, pairingMembers.pairingId)),
      ),
    )
    .where(liveFeedLink(d, hash));
}

/**
 * Reads the head and version of the feed a raw link token shows, in one D1 batch with the link itself (no meetings);
 * null for an unknown or revoked token, a pairing the person left, or a person who is gone.
 */
export async function feedHeadOfLink(env: Env, token: string, origin: string): Promise<FeedHead | null> {
  if (!isFeedToken(token)) return null;
  const hash = await sha256Hex(token);
  const d = db(env);
  const owner = d.select({ personId: calendarTokens.personId }).from(calendarTokens).where(liveFeedLink(d, hash));
  const [links, person, pairingRows] = await d.batch([
    feedLinkQuery(d, hash),
    d
      .select({ name: people.name, email: people.email, timeZone: people.timeZone, language: people.language })
      .from(people)
      .where(inArray(people.id, owner)),
    d
      .select({
        id: pairings.id,
        createdAt: pairings.createdAt,
        endedAt: pairings.endedAt,
        projectionVersion: pairings.projectionVersion,
        lengthWeeks: programs.lengthWeeks,
        cadenceDays: programs.cadenceDays,
        milestoneTemplate: programs.milestoneTemplate,
        programName: programs.name,
        programLanguage: programs.language,
      })
      .from(pairings)
      .innerJoin(programs, eq(programs.id, pairings.programId))
      .where(inArray(pairings.id, scopeOf(d, hash)))
      .orderBy(asc(pairings.id)),
  ]);
  const link = links[0];
  const who = person[0];
  if (!link || !who) return null;
  await noteFeedLinkUse(env, hash, link.lastUsedAt);
  const { personId, pairingId } = link;
  const version = await sha256Hex(JSON.stringify([FEED_FORMAT, personId, pairingId, origin, who, pairingRows]));
  const locale = mailLocale(who.language, pairingRows.find((p) => p.programLanguage)?.programLanguage);
  return { personId, pairingId, origin, person: who, pairings: pairingRows, locale, version };
}

/** Bumped when the way a feed is built from its rows changes, so bodies cached by an older build are not reused. */
const FEED_FORMAT = 2;

/**
 * A person's feed as an iCalendar body: every meeting of the head's pairings and their running pairings' milestones.
 * Pairings whose meetings are kept rendered under their current projection version (rendered-pairings.ts) are not read
 * again: only the others' meetings come from D1 (one batch), so a feed whose version moved because one meeting changed
 * reads and renders that meeting's pairing only. The body is the same as `feedToIcs` of all the meetings read at once.
 */
export async function feedBody(env: Env, head: FeedHead): Promise<string> {
  const t = translator(head.locale);
  const keyOf = (p: PairingRow) => blockKey(FEED_FORMAT, p.id, p.projectionVersion, head.locale, head.origin);
  const found = new Map<string, PairingBlock>();
  const missing: PairingRow[] = [];
  for (const p of head.pairings) {
    const block = keptBlock(keyOf(p));
    if (block) found.set(p.id, block);
    else missing.push(p);
  }
  if (missing.length > 0) {
    const d = db(env);
    // All of the person's pairings through the scope query (no binds), else only the missing ones by id (D1 binds at
    // most 100 values).
    const scope =
      missing.length === head.pairings.length || missing.length > 90
        ? d
            .select({ pairingId: pairingMembers.pairingId })
            .from(pairingMembers)
            .where(
              and(
                eq(pairingMembers.personId, head.personId),
                head.pairingId === null ? undefined : eq(pairingMembers.pairingId, head.pairingId),
              ),
            )
        : missing.map((p) => p.id);
    const [meetingRows, changes] = await d.batch([
      d
        .select({ ...feedMeetingColumns, firstStart: meetings.firstStart })
        .from(meetings)
        .where(inArray(meetings.pairingId, scope))
        .orderBy(asc(meetings.firstStart), asc(meetings.id)),
      d
        .select(changeColumns)
        .from(meetingChanges)
        .innerJoin(meetings, eq(meetings.id, meetingChanges.meetingId))
        .where(inArray(meetings.pairingId, scope)),
    ]);
    const feedMeetings = toFeedMeetings(meetingRows, changes, head.origin, t);
    const read = new Map<string, PairingBlock>(missing.map((p) => [p.id, { meetings: [], updatedAt: 0 }]));
    feedMeetings.forEach((m, k) => {
      const block = read.get(m.pairingId);
      if (!block) return; // a pairing already kept, read again with the rest
      block.meetings.push({ firstStart: meetingRows[k]!.firstStart, id: m.id, rendered: renderedMeeting(m) });
      block.updatedAt = Math.max(block.updatedAt, m.updatedAt);
    });
    for (const p of missing) {
      const block = read.get(p.id)!;
      keepBlock(keyOf(p), block);
      found.set(p.id, block);
    }
  }
  const parts = head.pairings.map((p) => found.get(p.id)!);
  const stamp = Math.max(0, ...parts.map((b) => b.updatedAt), ...head.pairings.map((p) => p.createdAt));
  const who = head.person;
  const name = head.pairingId
    ? `Trellis: ${head.pairings[0]?.programName ?? "pairing"}`
    : `Trellis: ${who.name || who.email}`;
  const days = milestoneDays(head.pairings, who.timeZone, head.origin, t);
  return renderedFeedToIcs(name, mergeBlocks(parts), days, stamp, stamp);
}

/** One meeting of a pairing as a feed meeting (for a single `.ics` download, in the language of `t`), or null. */
export async function feedMeeting(
  env: Env,
  pairingId: string,
  meetingId: string,
  origin: string,
  t: Translate,
): Promise<FeedMeeting | null> {
  const d = db(env);
  const [rows, changes] = await d.batch([
    d
      .select(feedMeetingColumns)
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.pairingId, pairingId))),
    d.select(changeColumns).from(meetingChanges).where(eq(meetingChanges.meetingId, meetingId)),
  ]);
  return rows.length ? toFeedMeetings(rows, changes, origin, t)[0]! : null;
}
