/**
 * Demo only: loads a room's past in one go, with the times it happened, so a fresh `npm start` shows lived-in rooms
 * (the demo seed, worker/demo/, is its only caller, through the room's `importHistory`). It lives in the room because
 * it writes the room's own tables directly, inside the room's transaction; live pairings never use it. It only fills an
 * empty room, so running it twice changes nothing.
 */
import type { AgreementTerms } from "../domain/room/agreement";
import type { GoalStatus } from "../domain/room/goals";
import { newId } from "../domain/random-secrets";
import type { MeetingInput } from "../domain/meetings/form";
import type { OccurrenceChange } from "../domain/meetings/types";
import { openCheckin, setAnswer, setComment } from "./checkins-store";
import { insertGoal } from "./goals-store";
import { changeOccurrence, insertMeeting, setOutcome, setResponse, setStatus } from "./meetings-store";
import { queueStageChange } from "./projection-outbox";
import { ok, type RoomContext, recordActivity } from "./room-context";
import { getNumber, getState, setState } from "./room-state";
import type { RoomResult } from "../domain/room/types";
import { summary, write } from "./write-path";

/** What happened in a pairing before now. */
export interface RoomHistory {
  agreement?: {
    terms: AgreementTerms;
    editedBy: string;
    editedAt: number;
    signatures: { personId: string; at: number }[];
  };
  shared?: boolean;
  messages: { authorId: string | null; source: "member" | "journey" | "coordinator"; body: string; at: number }[];
  goals: {
    title: string;
    why: string;
    targetDate: string | null;
    progress: number;
    status: GoalStatus;
    by: string;
    at: number;
  }[];
  notes: { title: string; body: string; by: string; at: number }[];
  resources: { url: string; title: string; note: string; by: string; at: number }[];
  /** Meetings with everyone's answers, changed occurrences and outcomes (optional). */
  meetings?: HistoryMeeting[];
  /**
   * Check-ins the journey opened, keyed by milestone as the journey keys them (so a journey started later finds them
   * open already), with members' answers: `answer` null for a comment without an answer (optional).
   */
  checkins?: HistoryCheckin[];
  /** Stage changes before now, oldest first (optional): kept in the room's history and projected like live ones. */
  stageChanges?: HistoryStageChange[];
  /** The risk flag as it stands, and since when (optional). */
  risk?: { reason: string; since: number };
}

/** A past stage change: from, to, why, who (a person id or "journey") and when. */
export interface HistoryStageChange {
  from: string;
  to: string;
  reason: string;
  actor: string;
  at: number;
}

/** A check-in as it stood: its milestone, its window, and what members answered. */
export interface HistoryCheckin {
  milestone: string;
  opensAt: number;
  closesAt: number;
  answers: { personId: string; answer: string | null; comment: string; at: number }[];
}

/** A meeting as it stood: proposed (some answers pending) or confirmed, with its past. */
export interface HistoryMeeting {
  input: MeetingInput;
  organizerId: string;
  agenda: string;
  at: number;
  /** Members who have not answered yet (a proposal); empty means confirmed by everyone. */
  pending: string[];
  changes: Omit<OccurrenceChange, "sequence">[];
  outcomes: { recurrenceId: string; outcome: "held" | "missed"; notes: string; by: string; at: number }[];
}

/** Whether the room has any content yet. */
export function roomIsEmpty(sql: SqlStorage): boolean {
  const n = sql
    .exec<{ n: number }>(
      "SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM agreement_versions) + (SELECT count(*) FROM goals) + (SELECT count(*) FROM notes) AS n",
    )
    .one().n;
  return n === 0;
}

/** The pairing's stored video link, made (on the public Jitsi server, like the default) when there is none yet. */
function demoVideoLink(sql: SqlStorage): string {
  const stored = getState(sql, "video_url");
  if (stored) return stored;
  const link = `https://meet.jit.si/trellis-${newId().slice(0, 16)}`;
  setState(sql, "video_url", link);
  return link;
}

/** Writes the history into an empty room (call inside a transaction); returns the time of the latest event. */
export function applyHistory(sql: SqlStorage, h: RoomHistory): number {
  let latest = 0;
  const seen = (t: number) => {
    latest = Math.max(latest, t);
    return t;
  };
  if (h.agreement) {
    sql.exec(
      "INSERT INTO agreement_versions (version, terms, edited_by, edited_at) VALUES (1, ?, ?, ?)",
      JSON.stringify(h.agreement.terms),
      h.agreement.editedBy,
      seen(h.agreement.editedAt),
    );
    for (const s of h.agreement.signatures)
      sql.exec(
        "INSERT OR IGNORE INTO signatures (person_id, version, signed_at) VALUES (?, 1, ?)",
        s.personId,
        seen(s.at),
      );
  }
  if (h.shared) setState(sql, "agreement_shared", "1");
  for (const [i, m] of [...h.messages].sort((a, b) => a.at - b.at).entries()) {
    const authorKey = m.authorId ?? `system:${m.source}`;
    sql.exec(
      "INSERT INTO messages (author_key, client_id, author_id, source, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      authorKey,
      `history-${String(i).padStart(4, "0")}`,
      m.authorId,
      m.source,
      m.body,
      seen(m.at),
    );
    if (m.authorId) sql.exec("UPDATE members SET message_count = message_count + 1 WHERE person_id = ?", m.authorId);
  }
  // Everyone has read all but the last message, so the demo shows an unread count for the last one's recipients.
  const last = sql.exec<{ s: number }>("SELECT coalesce(max(seq), 0) AS s FROM messages").one().s;
  sql.exec("UPDATE members SET last_read_seq = ?", Math.max(0, last - 1));
  for (const g of h.goals) {
    insertGoal(
      sql,
      newId(),
      { title: g.title, why: g.why, targetDate: g.targetDate, progress: g.progress, status: g.status },
      g.by,
      seen(g.at),
    );
  }
  for (const n of h.notes) {
    sql.exec(
      "INSERT INTO notes (id, title, body, version, created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
      newId(),
      n.title,
      n.body,
      n.by,
      n.by,
      n.at,
      seen(n.at),
    );
  }
  const memberIds = sql
    .exec<{ person_id: string }>("SELECT person_id FROM members")
    .toArray()
    .map((m) => m.person_id);
  for (const m of h.meetings ?? []) {
    const id = newId();
    // A demo video meeting gets the pairing's video link, as one proposed on the page would (the Join links use it).
    const input =
      m.input.kind === "video" && !m.input.videoUrl ? { ...m.input, videoUrl: demoVideoLink(sql) } : m.input;
    insertMeeting(sql, id, input, m.agenda, m.organizerId, memberIds, seen(m.at));
    for (const person of memberIds)
      if (person !== m.organizerId && !m.pending.includes(person)) setResponse(sql, id, person, "accepted", m.at);
    if (m.pending.length === 0) setStatus(sql, id, "confirmed", m.at);
    for (const c of m.changes) changeOccurrence(sql, id, c, m.at, m.organizerId);
    for (const o of m.outcomes) setOutcome(sql, id, o.recurrenceId, o.outcome, o.notes, o.by, seen(o.at));
  }
  for (const r of h.resources)
    sql.exec(
      "INSERT INTO resources (id, url, title, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
      newId(),
      r.url,
      r.title,
      r.note,
      r.by,
      seen(r.at),
    );
  // Answering a check-in is not activity in the room (as with `answerCheckin`), so answers leave `latest` alone.
  for (const c of h.checkins ?? []) {
    const { id } = openCheckin(sql, newId(), c.milestone, c.opensAt, c.closesAt);
    for (const a of c.answers) {
      if (!memberIds.includes(a.personId)) continue;
      if (a.answer) setAnswer(sql, id, a.personId, a.answer, a.comment, a.at);
      else if (a.comment) setComment(sql, id, a.personId, a.comment, a.at);
    }
  }
  for (const c of h.stageChanges ?? []) {
    const seq = sql
      .exec<{ seq: number }>(
        "INSERT INTO stage_changes (from_stage, to_stage, reason, actor, at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
        c.from,
        c.to,
        c.reason,
        c.actor,
        c.at,
      )
      .one().seq;
    queueStageChange(sql, { pairingId: getState(sql, "pairing_id") ?? "", seq, ...c });
  }
  if (h.risk) {
    setState(sql, "risk_reason", h.risk.reason);
    setState(sql, "risk_since", h.risk.since);
  }
  return latest;
}

/** Fills an empty room with its past (the demo seed); a room with content is left as it is. */
export function importHistory(room: RoomContext, history: RoomHistory): Promise<RoomResult<{ imported: boolean }>> {
  if (!roomIsEmpty(room.sql)) return Promise.resolve(ok({ imported: false }));
  return write(room, () => {
    const latest = applyHistory(room.sql, history);
    if (latest > (getNumber(room.sql, "last_activity_at") ?? 0)) recordActivity(room, latest);
    return summary({ imported: true });
  });
}
