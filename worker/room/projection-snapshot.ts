/** What the room tells D1 about its pairing (counts and states, never content), read from the room's state. */
import { occurrences } from "../domain/meetings/recurrence";
import type { OccurrenceChange } from "../domain/meetings/types";
import { currentAgreement } from "./agreement-store";
import { listCheckins } from "./checkins-store";
import { listMeetings } from "./meetings-store";
import { getNumber, getState, membersOf } from "./room-state";
import type { Meeting } from "../domain/room/types";

/** What D1 learns when only the chat moved: last activity, message counts and each member's unread count. */
export interface ChatActivity {
  pairingId: string;
  lastActivityAt: number | null;
  messageCount: number;
  /** `signedVersion` (the newest agreement version the member signed) comes with whole snapshots only. */
  members: { personId: string; messageCount: number; unread: number; signedVersion?: number }[];
}

/** What D1 learns about the pairing: counts and states, never content. */
export interface Snapshot extends ChatActivity {
  stage: string;
  stageReason: string;
  endedAt: number | null;
  agreementSigned: boolean;
  agreementVersion: number;
  goals: {
    id: string;
    title: string;
    status: string;
    progress: number;
    targetDate: string | null;
    updatedAt: number;
  }[];
  /** Meetings without their agenda or notes, with first start and last end for range queries. */
  meetings: (Omit<Meeting, "agenda" | "responses" | "outcomes" | "changes"> & {
    firstStart: number;
    lastEnd: number;
    /** Members who have not answered the proposal yet (empty unless it is proposed). */
    awaiting: string[];
  })[];
  meetingChanges: (OccurrenceChange & { meetingId: string })[];
  outcomes: { meetingId: string; recurrenceId: string; outcome: string; startsAt: number; recordedAt: number }[];
  riskReason: string | null;
  riskSince: number | null;
  /** Check-ins with answers (members who only commented are left out until they answer). */
  checkins: { id: string; milestone: string; opensAt: number; closesAt: number }[];
  checkinAnswers: { checkinId: string; personId: string; answer: string; comment: string; answeredAt: number }[];
}

/** Reads the room's state into a snapshot (when the alarm applies it, so busy rooms pay for it once per drain). */
export function buildSnapshot(sql: SqlStorage): Snapshot {
  const agreement = currentAgreement(
    sql,
    membersOf(sql).map((m) => m.personId),
  );
  const goals = sql
    .exec<{
      id: string;
      title: string;
      status: string;
      progress: number;
      target_date: string | null;
      updated_at: number;
    }>("SELECT id, title, status, progress, target_date, updated_at FROM goals ORDER BY created_at")
    .toArray()
    .map((g) => ({
      id: g.id,
      title: g.title,
      status: g.status,
      progress: g.progress,
      targetDate: g.target_date,
      updatedAt: g.updated_at,
    }));
  const all = listMeetings(sql);
  const meetings = all.map(({ agenda: _a, responses, outcomes: _o, changes, ...m }) => {
    const times = occurrences(m.schedule, changes);
    const awaiting =
      m.status === "proposed" ? responses.filter((r) => r.response === "pending").map((r) => r.personId) : [];
    return {
      ...m,
      awaiting,
      firstStart: Math.min(...times.map((o) => o.start)),
      lastEnd: Math.max(...times.map((o) => o.end)),
    };
  });
  const meetingChanges = all.flatMap((m) => m.changes.map((c) => ({ ...c, meetingId: m.id })));
  const outcomes = all.flatMap((m) => {
    const starts = new Map(occurrences(m.schedule, m.changes).map((o) => [o.recurrenceId, o.start]));
    return m.outcomes.map((o) => ({
      meetingId: m.id,
      recurrenceId: o.recurrenceId,
      outcome: o.outcome,
      startsAt: starts.get(o.recurrenceId) ?? 0,
      recordedAt: o.recordedAt,
    }));
  });
  const checkins = listCheckins(sql);
  const chat = buildChatActivity(sql);
  const signed = new Map(
    sql
      .exec<{ person_id: string; v: number }>("SELECT person_id, max(version) AS v FROM signatures GROUP BY person_id")
      .toArray()
      .map((r) => [r.person_id, r.v]),
  );
  return {
    riskReason: getState(sql, "risk_reason"),
    riskSince: getNumber(sql, "risk_since"),
    checkins: checkins.map(({ answers: _a, ...c }) => c),
    checkinAnswers: checkins.flatMap((c) =>
      c.answers
        .filter((a) => a.answer !== null)
        .map((a) => ({
          checkinId: c.id,
          personId: a.personId,
          answer: a.answer!,
          comment: a.comment,
          answeredAt: a.answeredAt,
        })),
    ),
    meetings: meetings.filter((m) => Number.isFinite(m.firstStart)),
    meetingChanges,
    outcomes,
    ...chat,
    members: chat.members.map((m) => ({ ...m, signedVersion: signed.get(m.personId) ?? 0 })),
    stage: getState(sql, "stage") ?? "proposed",
    stageReason: getState(sql, "stage_reason") ?? "",
    endedAt: getNumber(sql, "ended_at"),
    agreementSigned: agreement.signedByAll,
    agreementVersion: agreement.version,
    goals,
  };
}

/** Most unread messages counted (pages show "999+" beyond), so a long-absent member does not make every write slow. */
export const UNREAD_CAP = 999;

/** Messages a member has not read: those after their last read one, not written by them (at most UNREAD_CAP + 1). */
export function unreadFor(sql: SqlStorage, personId: string, lastRead: number): number {
  return sql
    .exec<{ n: number }>(
      "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE seq > ? AND (author_id IS NULL OR author_id != ?) LIMIT ?)",
      lastRead,
      personId,
      UNREAD_CAP + 1,
    )
    .one().n;
}

/** Reads the chat's counts into the part of a snapshot a chat message or a read position changes. */
export function buildChatActivity(sql: SqlStorage): ChatActivity {
  const lastSeq = sql.exec<{ s: number }>("SELECT coalesce(max(seq), 0) AS s FROM messages").one().s;
  const members = sql
    .exec<{ person_id: string; message_count: number; last_read_seq: number }>(
      "SELECT person_id, message_count, last_read_seq FROM members",
    )
    .toArray()
    .map((m) => ({
      personId: m.person_id,
      messageCount: m.message_count,
      unread: m.last_read_seq >= lastSeq ? 0 : unreadFor(sql, m.person_id, m.last_read_seq),
    }));
  return {
    pairingId: getState(sql, "pairing_id") ?? "",
    lastActivityAt: getNumber(sql, "last_activity_at"),
    messageCount: sql.exec<{ n: number }>("SELECT coalesce(sum(message_count), 0) AS n FROM members").one().n,
    members,
  };
}
