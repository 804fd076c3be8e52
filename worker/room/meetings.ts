/**
 * The pairing's meetings as members use them: listing, proposing, answering, moving, cancelling, recording outcomes,
 * agendas, the default video link and suggested times. Each change is checked and stored by meeting-changes.ts.
 */
import { occurrences } from "../domain/meetings/recurrence";
import { suggestSlots as freeSlots } from "../domain/meetings/slots";
import { checkLink } from "../domain/room/resources";
import { newId } from "../domain/random-secrets";
import { slotList } from "../db/json-columns";
import { msg } from "../domain/i18n/translate";
import { systemNote } from "./chat";
import { readSchedules } from "./d1-lookups";
import {
  type MeetingContext,
  storeAgenda,
  storeAnswer,
  storeCancellation,
  storeOutcome,
  storeProposal,
  storeReschedule,
} from "./meeting-changes";
import { queueMeetingMail } from "./meeting-mail";
import { listMeetings, meetingCreatedAt } from "./meetings-store";
import { queueJourneyEvent } from "./projection-outbox";
import type { Caller } from "./room-access";
import { nameOf, ok, type RoomContext, recordActivity, refuse } from "./room-context";
import { getState, membersOf, setState } from "./room-state";
import type { Meeting, RoomResult } from "../domain/room/types";
import { summary, unprojected, write } from "./write-path";

/**
 * Runs a meeting action as a member in one write, with a chat line when `say` gives one ([text, key]); a refused action
 * records no activity and projects nothing.
 */
function meetingWrite<T>(
  room: RoomContext,
  who: Caller,
  action: (ctx: MeetingContext) => RoomResult<T>,
  say?: (value: T, name: string) => [string, string] | null,
): Promise<RoomResult<T>> {
  return write(room, () => {
    const ctx: MeetingContext = {
      sql: room.sql,
      personId: who.id,
      memberIds: membersOf(room.sql).map((m) => m.personId),
      now: room.now(),
    };
    const result = action(ctx);
    if (!result.ok) return result;
    recordActivity(room, ctx.now);
    const line = say?.(result.value, nameOf(room, who.id));
    if (line) systemNote(room, line[0], line[1], ctx.now);
    return summary(result.value);
  });
}

/**
 * Queues the members' mail about a stored change (in the same transaction: meeting-mail.ts) when `mail` names one;
 * passes the change's result on.
 */
function mailed<T>(
  ctx: MeetingContext,
  result: RoomResult<T>,
  mail: (value: T) => {
    event: "proposed" | "confirmed" | "declined" | "moved" | "cancelled";
    meetingId: string;
    key: string;
    recurrenceId?: string | null;
  } | null,
): RoomResult<T> {
  const m = result.ok ? mail(result.value) : null;
  if (m)
    queueMeetingMail(
      ctx.sql,
      { event: m.event, meetingId: m.meetingId, actorId: ctx.personId, recurrenceId: m.recurrenceId ?? null },
      m.key,
      ctx.now,
    );
  return result;
}

/** The pairing's video link: pasted by a member, or made once from VIDEO_BASE_URL and a random name. */
function videoLink(room: RoomContext): string {
  const stored = getState(room.sql, "video_url");
  if (stored) return stored;
  const link = `${room.env.VIDEO_BASE_URL || "https://meet.jit.si/"}trellis-${newId().slice(0, 16)}`;
  setState(room.sql, "video_url", link);
  return link;
}

/** The pairing's meetings, and its default video link (made and stored on first use from VIDEO_BASE_URL). */
export function meetings(
  room: RoomContext,
  _who: Caller,
): Promise<RoomResult<{ meetings: Meeting[]; videoUrl: string }>> {
  return write(room, () => unprojected({ meetings: listMeetings(room.sql), videoUrl: videoLink(room) }));
}

/** Proposes a meeting typed in the proposer's zone; the others are asked to accept. */
export function proposeMeeting(
  room: RoomContext,
  who: Caller,
  values: Record<string, string>,
  timeZone: string,
): Promise<RoomResult<{ id: string; notice: string | null }>> {
  const needsLink = values.kind === "video" && !(values.videoUrl ?? "").trim();
  return meetingWrite(
    room,
    who,
    (ctx) =>
      mailed(ctx, storeProposal(ctx, needsLink ? { ...values, videoUrl: videoLink(room) } : values, timeZone), (r) =>
        ctx.memberIds.length > 1 ? { event: "proposed", meetingId: r.id, key: "proposed" } : null,
      ),
    (r, name) => [msg("chat.line.meetingProposed", { name }), `meeting-${r.id}-proposed`],
  );
}

/** Accepts or declines a proposed meeting. */
export function answerMeeting(
  room: RoomContext,
  who: Caller,
  meetingId: string,
  response: string,
): Promise<RoomResult<{ status: string }>> {
  return meetingWrite(
    room,
    who,
    (ctx) =>
      mailed(ctx, storeAnswer(ctx, meetingId, response), (r) =>
        r.status === "proposed" ? null : { event: r.status, meetingId, key: r.status },
      ),
    (r, name) =>
      r.status === "proposed"
        ? null
        : [
            msg(r.status === "confirmed" ? "chat.line.meetingAccepted" : "chat.line.meetingDeclined", { name }),
            `meeting-${meetingId}-${r.status}`,
          ],
  );
}

/** Moves one occurrence or the whole series (times typed in the mover's zone). */
export function rescheduleMeeting(
  room: RoomContext,
  who: Caller,
  meetingId: string,
  values: Record<string, string>,
  timeZone: string,
): Promise<RoomResult<{ notice: string | null }>> {
  return meetingWrite(
    room,
    who,
    (ctx) =>
      mailed(ctx, storeReschedule(ctx, meetingId, values, timeZone), () => ({
        event: "moved",
        // Moving "this and the following" meetings of a series starts a new series: the mail is about that one.
        meetingId: (values.scope === "following" && meetingCreatedAt(ctx.sql, ctx.now)) || meetingId,
        key: `moved-${ctx.now}`,
        recurrenceId: values.scope === "one" ? (values.recurrenceId ?? null) : null,
      })),
    (_r, name) => [
      msg("chat.line.meetingMoved", { name, one: values.scope === "one" ? "yes" : "no" }),
      `meeting-${meetingId}-moved-${room.now()}`,
    ],
  );
}

/** Cancels one occurrence of a series, or the whole meeting. */
export function cancelMeeting(
  room: RoomContext,
  who: Caller,
  meetingId: string,
  scope: string,
  recurrenceId: string,
): Promise<RoomResult<{ id: string }>> {
  return meetingWrite(
    room,
    who,
    (ctx) =>
      mailed(ctx, storeCancellation(ctx, meetingId, scope, recurrenceId), () => ({
        event: "cancelled",
        meetingId,
        key: `cancelled-${ctx.now}`,
        recurrenceId: scope === "one" ? recurrenceId : null,
      })),
    (_r, name) => [
      msg("chat.line.meetingCancelled", { name, one: scope === "one" ? "yes" : "no" }),
      `meeting-${meetingId}-cancelled-${room.now()}`,
    ],
  );
}

/** Marks a meeting that has started as held or missed, with notes (a held one tells the journey). */
export function recordOutcome(
  room: RoomContext,
  who: Caller,
  meetingId: string,
  recurrenceId: string,
  outcome: string,
  notes: string,
): Promise<RoomResult<{ id: string }>> {
  return meetingWrite(room, who, (ctx) => {
    const r = storeOutcome(ctx, meetingId, recurrenceId, outcome, notes);
    if (r.ok && outcome === "held")
      queueJourneyEvent(room.sql, "meeting-held", { meetingId, recurrenceId }, `held:${meetingId}:${recurrenceId}`);
    return r;
  });
}

/** Replaces a meeting's agenda. */
export function editAgenda(
  room: RoomContext,
  who: Caller,
  meetingId: string,
  agenda: string,
): Promise<RoomResult<{ id: string }>> {
  return meetingWrite(room, who, (ctx) => storeAgenda(ctx, meetingId, agenda));
}

/** Sets the pairing's default video link (a link the members paste), or resets it to a generated one when empty. */
export function setVideoLink(room: RoomContext, _who: Caller, url: string): Promise<RoomResult<{ videoUrl: string }>> {
  return write(room, () => {
    if (!url.trim()) {
      setState(room.sql, "video_url", null);
      return unprojected({ videoUrl: videoLink(room) });
    }
    const link = checkLink(url);
    if (!link.ok) return refuse(422, link.error, { videoUrl: link.error });
    setState(room.sql, "video_url", link.url);
    return unprojected({ videoUrl: link.url });
  });
}

/**
 * Up to five times in the next 14 days when every member is free and inside their contact hours, not clashing with
 * meetings.
 */
export async function suggestSlots(
  room: RoomContext,
  _who: Caller,
  durationMinutes: number,
): Promise<RoomResult<number[]>> {
  const schedules = await readSchedules(
    room.env,
    membersOf(room.sql).map((m) => m.personId),
  );
  const busy = listMeetings(room.sql)
    .filter((m) => m.status === "proposed" || m.status === "confirmed")
    .flatMap((m) => occurrences(m.schedule, m.changes).filter((o) => !o.cancelled))
    .map((o) => ({ start: o.start, end: o.end }));
  const people = schedules.map((r) => ({
    timeZone: r.time_zone,
    availability: slotList(r.availability),
    contactStart: r.contact_start,
    contactEnd: r.contact_end,
  }));
  return ok(freeSlots(people, busy, room.now(), Math.max(15, Math.min(240, durationMinutes))));
}
