/**
 * Meeting mails, the room's side. A meeting change queues its mail in the same transaction as the change (table
 * `mail_queue`), so a change is never stored without its mail nor mailed twice; the alarm writes the queued mails
 * (mail/meeting-mail.ts) and, before each confirmed occurrence, each member's reminder at the time they chose (24 hours
 * unless they chose another; once per occurrence and member, table `meeting_reminders`), then says when it must next
 * wake.
 */
import {
  DEFAULT_REMINDER_LEAD,
  type MeetingFacts,
  type MeetingMailEvent,
  REMINDER_LEADS,
} from "../domain/meeting-mail";
import { occurrences } from "../domain/meetings/recurrence";
import type { Meeting } from "../domain/room/types";
import { mailMeetingEvent } from "../mail/meeting-mail";
import { logEvent, scrubbedMessage } from "../observability/log";
import { readReminderLeads } from "./d1-lookups";
import { getMeeting, listMeetings } from "./meetings-store";
import { displayNames, type RoomContext } from "./room-context";
import { membersOf } from "./room-state";

/** Attempts at writing one queued mail before it is given up (logged). */
const MAX_ATTEMPTS = 5;
/** A reminder is not sent for a meeting that starts sooner than this (the mail would come too late to help). */
const TOO_LATE_MS = 30 * 60_000;

/** One queued meeting mail. */
interface QueuedMail {
  event: Exclude<MeetingMailEvent, "reminder">;
  meetingId: string;
  actorId: string;
  /** The one occurrence moved or cancelled, when only one was. */
  recurrenceId: string | null;
}

/** Queues the mail about a meeting change, inside the change's write; `key` makes it unique per change. */
export function queueMeetingMail(sql: SqlStorage, mail: QueuedMail, key: string, now: number): void {
  sql.exec(
    "INSERT OR IGNORE INTO mail_queue (key, payload, due_at) VALUES (?, ?, ?)",
    `meeting:${mail.meetingId}:${key}`,
    JSON.stringify({ ...mail, key }),
    now,
  );
}

/** The occurrence a mail is about: the one named, else the next still to come (else the first), with series end. */
function factsOf(m: Meeting, recurrenceId: string | null, now: number): { facts: MeetingFacts; seriesEnd: number } {
  const all = occurrences(m.schedule, m.changes);
  const named = recurrenceId ? all.find((o) => o.recurrenceId === recurrenceId) : undefined;
  const next = named ?? all.find((o) => !o.cancelled && o.end > now) ?? all.find((o) => o.end > now) ?? all[0]!;
  return {
    facts: {
      title: m.title,
      kind: m.kind,
      location: m.location,
      videoUrl: m.videoUrl,
      repeat: m.schedule.repeat,
      start: next.start,
      end: next.end,
      agenda: m.agenda,
      oneOccurrence: named !== undefined,
    },
    seriesEnd: Math.max(...all.map((o) => o.end)),
  };
}

/** Writes the queued meeting mails that are due; failures wait and are tried again. */
async function sendQueued(room: RoomContext, now: number): Promise<void> {
  const { sql } = room;
  const rows = sql
    .exec<{ key: string; payload: string; attempts: number }>(
      "SELECT key, payload, attempts FROM mail_queue WHERE due_at <= ? ORDER BY due_at, key",
      now,
    )
    .toArray();
  for (const row of rows) {
    const mail = JSON.parse(row.payload) as QueuedMail & { key: string };
    const meeting = getMeeting(sql, mail.meetingId);
    try {
      if (meeting) {
        const { facts, seriesEnd } = factsOf(meeting, mail.recurrenceId, now);
        await mailMeetingEvent(
          room.env,
          {
            pairingId: room.pairingId,
            meetingId: meeting.id,
            event: mail.event,
            actorId: mail.actorId,
            key: mail.key,
            memberIds: membersOf(sql).map((m) => m.personId),
            names: await displayNames(room),
            meeting: facts,
            seriesEnd,
          },
          now,
        );
      }
      sql.exec("DELETE FROM mail_queue WHERE key = ?", row.key);
    } catch (err) {
      const attempts = row.attempts + 1;
      logEvent({
        event: "room.meeting-mail",
        level: "warn",
        pairingId: room.pairingId,
        attempt: attempts,
        outcome: attempts >= MAX_ATTEMPTS ? "given-up" : "retry",
        error: scrubbedMessage(err instanceof Error ? err.message : String(err)),
      });
      if (attempts >= MAX_ATTEMPTS) sql.exec("DELETE FROM mail_queue WHERE key = ?", row.key);
      else
        sql.exec(
          "UPDATE mail_queue SET attempts = ?, due_at = ? WHERE key = ?",
          attempts,
          now + 2 ** attempts * 30_000,
          row.key,
        );
    }
  }
}

/** The longest time before a meeting a reminder may go (the earliest the room must look at an occurrence). */
const MAX_LEAD_MS = Math.max(...REMINDER_LEADS.map((l) => l.minutes)) * 60_000;

/** Confirmed occurrences still to come (and not so soon that a reminder would come too late). */
function upcoming(sql: SqlStorage, now: number) {
  return listMeetings(sql)
    .filter((m) => m.status === "confirmed")
    .flatMap((m) =>
      occurrences(m.schedule, m.changes)
        .filter((o) => !o.cancelled && o.start - TOO_LATE_MS > now)
        .map((o) => ({ meeting: m, occurrence: o })),
    );
}

/**
 * Sends each member the reminders due by their chosen time (24 hours before unless they chose another; none if they
 * chose none), once per occurrence and member; returns when the next may be due, or null. Members' choices are read
 * from D1 only when an occurrence is close enough for any reminder.
 */
async function sendReminders(room: RoomContext, now: number): Promise<number | null> {
  const { sql } = room;
  const memberIds = membersOf(sql).map((m) => m.personId);
  const all = upcoming(sql, now);
  const near = all.filter((c) => c.occurrence.start - MAX_LEAD_MS <= now);
  const later = all.filter((c) => c.occurrence.start - MAX_LEAD_MS > now).map((c) => c.occurrence.start - MAX_LEAD_MS);
  let next = later.length ? Math.min(...later) : null;
  if (near.length === 0) return next;
  const sent = new Set(
    sql
      .exec<{ k: string }>("SELECT meeting_id || ' ' || recurrence_id || ' ' || person_id AS k FROM meeting_reminders")
      .toArray()
      .map((r) => r.k),
  );
  const leads = await readReminderLeads(room.env, memberIds);
  for (const { meeting, occurrence } of near) {
    for (const personId of memberIds) {
      const lead = leads.get(personId) ?? DEFAULT_REMINDER_LEAD;
      if (lead === 0 || sent.has(`${meeting.id} ${occurrence.recurrenceId} ${personId}`)) continue;
      const due = occurrence.start - lead * 60_000;
      if (due > now) {
        next = next === null ? due : Math.min(next, due);
        continue;
      }
      const { facts, seriesEnd } = factsOf(meeting, occurrence.recurrenceId, now);
      await mailMeetingEvent(
        room.env,
        {
          pairingId: room.pairingId,
          meetingId: meeting.id,
          event: "reminder",
          actorId: null,
          key: `reminder:${occurrence.recurrenceId.replace(/[^0-9T]/g, "")}`,
          memberIds,
          recipients: [personId],
          names: await displayNames(room),
          meeting: { ...facts, oneOccurrence: false },
          seriesEnd,
        },
        now,
      );
      sql.exec(
        "INSERT OR IGNORE INTO meeting_reminders (meeting_id, recurrence_id, person_id, sent_at) VALUES (?, ?, ?, ?)",
        meeting.id,
        occurrence.recurrenceId,
        personId,
        now,
      );
    }
  }
  return next;
}

/**
 * Writes the due meeting mails and reminders; returns when the next is due (a queued mail's retry or the next
 * reminder), or null. A reminder that fails throws: the alarm is tried again.
 */
export async function sendDueMeetingMail(room: RoomContext, now: number): Promise<number | null> {
  await sendQueued(room, now);
  const reminder = await sendReminders(room, now);
  const queued = room.sql.exec<{ t: number | null }>("SELECT min(due_at) AS t FROM mail_queue").one().t;
  const all = [reminder, queued].filter((t): t is number => t !== null);
  return all.length ? Math.min(...all) : null;
}
