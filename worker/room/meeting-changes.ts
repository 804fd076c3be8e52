/**
 * Each meeting change checked against the room's state and stored: a proposal, an answer, moving or cancelling one
 * occurrence or the series, whether it was held, an agenda. Each returns a RoomResult; meetings.ts runs it inside the
 * room's one write (write-path.ts).
 */
import { msg } from "../domain/i18n/translate";
import { LocalDateTime } from "../domain/local-date-time";
import { MEETING_LIMITS, parseMeeting, parseTimes } from "../domain/meetings/form";
import { formatLocal, occurrences, seriesStarts } from "../domain/meetings/recurrence";
import { NOTE_TEMPLATES, isTemplate } from "../domain/room/notes";
import { newId } from "../domain/random-secrets";
import {
  changeOccurrence,
  getMeeting,
  insertMeeting,
  moveSeries,
  setAgenda,
  setOutcome,
  setResponse,
  setStatus,
} from "./meetings-store";
import type { Meeting, RoomError, RoomResult } from "../domain/room/types";

const refuse = (status: RoomError["status"], error: string, errors?: Record<string, string>): RoomError => ({
  ok: false,
  status,
  error,
  ...(errors ? { errors } : {}),
});
const FIX = msg("meetings.error.fix");
const GONE = msg("meetings.error.gone");
const NO_OCCURRENCE = msg("meetings.error.noOccurrence");
const MONTHLY_DAY = msg("meetingForm.monthlyDay");

/** Who acts, on which room, when. */
export interface MeetingContext {
  sql: SqlStorage;
  personId: string;
  memberIds: string[];
  now: number;
}

/** A meeting that exists and can still change. */
function open(ctx: MeetingContext, id: string): Meeting | RoomError {
  const m = getMeeting(ctx.sql, id);
  if (!m) return refuse(404, GONE);
  if (m.status === "cancelled" || m.status === "declined")
    return refuse(409, msg(m.status === "cancelled" ? "meetings.error.wasCancelled" : "meetings.error.wasDeclined"));
  return m;
}

const isError = (x: unknown): x is RoomError => typeof x === "object" && x !== null && (x as RoomError).ok === false;

/** Proposes a meeting typed in the proposer's zone (which anchors the series); the agenda starts from a template. */
export function storeProposal(
  ctx: MeetingContext,
  values: Record<string, string>,
  timeZone: string,
): RoomResult<{ id: string; notice: string | null }> {
  const parsed = parseMeeting(values, timeZone, ctx.now);
  if (!parsed.ok) return refuse(422, FIX, parsed.errors);
  const template = values.agendaTemplate ?? "check-in";
  const agenda = isTemplate(template) ? NOTE_TEMPLATES[template].body : "";
  const id = newId();
  insertMeeting(ctx.sql, id, parsed.meeting, agenda, ctx.personId, ctx.memberIds, ctx.now);
  if (ctx.memberIds.length === 1) setStatus(ctx.sql, id, "confirmed", ctx.now);
  return { ok: true, value: { id, notice: parsed.notice } };
}

/** A member accepts or declines a proposal; when everyone has accepted it is confirmed, a decline closes it. */
export function storeAnswer(
  ctx: MeetingContext,
  id: string,
  answer: string,
): RoomResult<{ status: Meeting["status"] }> {
  const m = open(ctx, id);
  if (isError(m)) return m;
  if (answer !== "accepted" && answer !== "declined") return refuse(422, msg("meetings.error.answer"));
  if (m.status !== "proposed") return refuse(409, msg("meetings.error.alreadyConfirmed"));
  setResponse(ctx.sql, id, ctx.personId, answer, ctx.now);
  if (answer === "declined") {
    setStatus(ctx.sql, id, "declined", ctx.now);
    return { ok: true, value: { status: "declined" } };
  }
  const answers = getMeeting(ctx.sql, id)!.responses;
  const all = ctx.memberIds.every((p) => answers.some((r) => r.personId === p && r.response === "accepted"));
  if (all) setStatus(ctx.sql, id, "confirmed", ctx.now);
  return { ok: true, value: { status: all ? "confirmed" : "proposed" } };
}

/** Converts a local time typed in one zone to the same instant's local time in the meeting's zone. */
function inZone(localText: string, fromZone: string, toZone: string): string {
  const instant = LocalDateTime.parse(localText)!.toEpochMs(fromZone, "compatible");
  return formatLocal(LocalDateTime.at(instant, toZone));
}

/** The occurrence a form names, if the meeting has it and it is not cancelled. */
function occurrenceOf(m: Meeting, recurrenceId: string) {
  return occurrences(m.schedule, m.changes).find((o) => o.recurrenceId === recurrenceId && !o.cancelled) ?? null;
}

/**
 * Moves one occurrence, this one and all later ones, or the whole series, to a date and times typed in the mover's
 * zone.
 */
export function storeReschedule(
  ctx: MeetingContext,
  id: string,
  values: Record<string, string>,
  timeZone: string,
): RoomResult<{ notice: string | null }> {
  const m = open(ctx, id);
  if (isError(m)) return m;
  const times = parseTimes(values, timeZone, ctx.now);
  if (!times.ok) return refuse(422, FIX, times.errors);
  const startLocal = inZone(times.startLocal, timeZone, m.schedule.timeZone);
  if (values.scope === "following" && m.schedule.repeat !== "none") {
    const starts = seriesStarts(m.schedule).map(formatLocal);
    const index = starts.indexOf(values.recurrenceId ?? "");
    if (index < 0) return refuse(422, NO_OCCURRENCE);
    if (index > 0) return splitSeries(ctx, m, index, startLocal, times.durationMinutes, times.notice);
  }
  if (values.scope === "one" && m.schedule.repeat !== "none") {
    const recurrenceId = values.recurrenceId ?? "";
    if (!occurrenceOf(m, recurrenceId)) return refuse(422, NO_OCCURRENCE);
    changeOccurrence(
      ctx.sql,
      id,
      { recurrenceId, status: "moved", startLocal, durationMinutes: times.durationMinutes },
      ctx.now,
      ctx.personId,
    );
  } else {
    if (m.schedule.repeat === "monthly" && Number(startLocal.slice(8, 10)) > 28) {
      return refuse(422, FIX, {
        date: MONTHLY_DAY,
      });
    }
    moveSeries(ctx.sql, id, startLocal, times.durationMinutes, ctx.now);
  }
  return { ok: true, value: { notice: times.notice } };
}

/**
 * Moves the occurrence at `index` and every later one: the series ends before it (its count becomes `index`, so the
 * past stays as it was) and a new series with the same details and the remaining meetings starts at the new time.
 * Calendars see the old series shortened (SEQUENCE bumped) and a new one.
 */
function splitSeries(
  ctx: MeetingContext,
  m: Meeting,
  index: number,
  startLocal: string,
  durationMinutes: number,
  notice: string | null,
): RoomResult<{ notice: string | null }> {
  const total = seriesStarts(m.schedule).length;
  const rest =
    m.schedule.until && m.schedule.count === null
      ? { count: null, until: m.schedule.until }
      : { count: total - index, until: null };
  if (rest.until && rest.until < startLocal.slice(0, 10))
    return refuse(422, FIX, { date: msg("meetings.error.seriesEnds", { until: rest.until }) });
  if (m.schedule.repeat === "monthly" && Number(startLocal.slice(8, 10)) > 28)
    return refuse(422, FIX, {
      date: MONTHLY_DAY,
    });
  const kept = seriesStarts(m.schedule).slice(0, index).map(formatLocal);
  ctx.sql.exec(
    "UPDATE meetings SET count = ?, until = NULL, sequence = sequence + 1, updated_at = ? WHERE id = ?",
    index,
    ctx.now,
    m.id,
  );
  ctx.sql.exec(
    `DELETE FROM meeting_changes WHERE meeting_id = ? AND recurrence_id NOT IN (SELECT value FROM json_each(?))`,
    m.id,
    JSON.stringify(kept),
  );
  const id = newId();
  const input = {
    title: m.title,
    kind: m.kind,
    location: m.location,
    videoUrl: m.videoUrl,
    schedule: { ...m.schedule, startLocal, durationMinutes, ...rest },
  };
  insertMeeting(ctx.sql, id, input, m.agenda, m.organizerId, ctx.memberIds, ctx.now);
  for (const r of m.responses) if (r.response === "accepted") setResponse(ctx.sql, id, r.personId, "accepted", ctx.now);
  setResponse(ctx.sql, id, ctx.personId, "accepted", ctx.now);
  if (m.status === "confirmed") setStatus(ctx.sql, id, "confirmed", ctx.now);
  return { ok: true, value: { notice } };
}

/** Cancels one occurrence of a series, or the whole meeting. */
export function storeCancellation(
  ctx: MeetingContext,
  id: string,
  scope: string,
  recurrenceId: string,
): RoomResult<{ id: string }> {
  const m = open(ctx, id);
  if (isError(m)) return m;
  if (scope === "one" && m.schedule.repeat !== "none") {
    if (!occurrenceOf(m, recurrenceId)) return refuse(422, NO_OCCURRENCE);
    changeOccurrence(
      ctx.sql,
      id,
      { recurrenceId, status: "cancelled", startLocal: null, durationMinutes: null },
      ctx.now,
      ctx.personId,
    );
  } else {
    setStatus(ctx.sql, id, "cancelled", ctx.now, ctx.personId);
  }
  return { ok: true, value: { id } };
}

/** Records that an occurrence that has started was held or missed, with optional notes. */
export function storeOutcome(
  ctx: MeetingContext,
  id: string,
  recurrenceId: string,
  outcome: string,
  notes: string,
): RoomResult<{ id: string }> {
  const m = getMeeting(ctx.sql, id);
  if (!m) return refuse(404, GONE);
  if (m.status !== "confirmed") return refuse(409, msg("meetings.error.onlyConfirmed"));
  const occurrence = occurrenceOf(m, recurrenceId);
  if (!occurrence) return refuse(422, NO_OCCURRENCE);
  if (occurrence.start > ctx.now) return refuse(409, msg("meetings.error.notStarted"));
  if (outcome !== "held" && outcome !== "missed") return refuse(422, FIX, { outcome: msg("meetings.error.outcome") });
  const text = notes.replace(/\r\n/g, "\n").trimEnd();
  if (text.length > MEETING_LIMITS.outcomeNotes)
    return refuse(422, FIX, { notes: msg("meetings.error.notesTooLong", { max: MEETING_LIMITS.outcomeNotes }) });
  setOutcome(ctx.sql, id, recurrenceId, outcome, text, ctx.personId, ctx.now);
  return { ok: true, value: { id } };
}

/** Replaces a meeting's agenda. */
export function storeAgenda(ctx: MeetingContext, id: string, agenda: string): RoomResult<{ id: string }> {
  const m = getMeeting(ctx.sql, id);
  if (!m) return refuse(404, GONE);
  const text = agenda.replace(/\r\n/g, "\n").trimEnd();
  if (text.length > MEETING_LIMITS.agenda)
    return refuse(422, FIX, { agenda: msg("meetings.error.agendaTooLong", { max: MEETING_LIMITS.agenda }) });
  setAgenda(ctx.sql, id, text, ctx.now);
  return { ok: true, value: { id } };
}
