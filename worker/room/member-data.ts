/**
 * One member's data inside a pairing room: what they wrote or did (for their own data download), and forgetting them
 * when they delete their data. Forgetting is idempotent: running it again changes nothing more.
 */
import type { AgreementTerms } from "../domain/room/agreement";
import { isFinal } from "../domain/room/stages";
import { exportFiles, forgetFiles } from "./files-store";
import { currentStage, getState, membersOf, setState } from "./room-state";

/** Everything in a room a member wrote or did. */
export interface MemberExport {
  pairingId: string;
  messages: { seq: number; body: string; sentAt: number }[];
  notes: {
    id: string;
    title: string;
    body: string;
    createdAt: number;
    updatedAt: number;
    lastEditedByYou: boolean;
    createdByYou: boolean;
  }[];
  goals: {
    id: string;
    title: string;
    why: string;
    targetDate: string | null;
    progress: number;
    status: string;
    createdAt: number;
    updatedAt: number;
  }[];
  links: { id: string; url: string; title: string; note: string; addedAt: number }[];
  agreementVersions: { version: number; terms: AgreementTerms; editedAt: number }[];
  signatures: { version: number; signedAt: number }[];
  meetingResponses: { meetingId: string; meetingTitle: string; response: string; at: number }[];
  meetingOutcomes: {
    meetingId: string;
    meetingTitle: string;
    occurrence: string;
    outcome: string;
    notes: string;
    recordedAt: number;
  }[];
  checkinAnswers: {
    checkinId: string;
    milestone: string;
    answer: string | null;
    comment: string;
    answeredAt: number;
  }[];
  /** Files they shared (what each is; the bytes stay downloadable in the pairing) and their comments on files. */
  files: ReturnType<typeof exportFiles>["files"];
  fileComments: ReturnType<typeof exportFiles>["fileComments"];
}

/** Reads a member's own content from the room. */
export function exportMemberData(sql: SqlStorage, personId: string): MemberExport {
  const rows = <T extends Record<string, SqlStorageValue>>(query: string) => sql.exec<T>(query, personId).toArray();
  return {
    pairingId: getState(sql, "pairing_id") ?? "",
    messages: rows<{ seq: number; body: string; created_at: number }>(
      "SELECT seq, body, created_at FROM messages WHERE author_id = ? AND source = 'member' ORDER BY seq",
    ).map((m) => ({
      seq: m.seq,
      body: m.body,
      sentAt: m.created_at,
    })),
    notes: sql
      .exec<{
        id: string;
        title: string;
        body: string;
        created_by: string;
        updated_by: string;
        created_at: number;
        updated_at: number;
      }>(
        "SELECT id, title, body, created_by, updated_by, created_at, updated_at FROM notes WHERE created_by = ?1 OR updated_by = ?1 ORDER BY created_at, id",
        personId,
      )
      .toArray()
      .map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        createdAt: n.created_at,
        updatedAt: n.updated_at,
        createdByYou: n.created_by === personId,
        lastEditedByYou: n.updated_by === personId,
      })),
    goals: rows<{
      id: string;
      title: string;
      why: string;
      target_date: string | null;
      progress: number;
      status: string;
      created_at: number;
      updated_at: number;
    }>(
      "SELECT id, title, why, target_date, progress, status, created_at, updated_at FROM goals WHERE created_by = ? ORDER BY created_at, id",
    ).map((g) => ({
      id: g.id,
      title: g.title,
      why: g.why,
      targetDate: g.target_date,
      progress: g.progress,
      status: g.status,
      createdAt: g.created_at,
      updatedAt: g.updated_at,
    })),
    links: rows<{ id: string; url: string; title: string; note: string; added_at: number }>(
      "SELECT id, url, title, note, added_at FROM resources WHERE added_by = ? ORDER BY added_at, id",
    ).map((r) => ({ id: r.id, url: r.url, title: r.title, note: r.note, addedAt: r.added_at })),
    agreementVersions: rows<{ version: number; terms: string; edited_at: number }>(
      "SELECT version, terms, edited_at FROM agreement_versions WHERE edited_by = ? ORDER BY version",
    ).map((a) => ({
      version: a.version,
      terms: JSON.parse(a.terms) as AgreementTerms,
      editedAt: a.edited_at,
    })),
    signatures: rows<{ version: number; signed_at: number }>(
      "SELECT version, signed_at FROM signatures WHERE person_id = ? ORDER BY version",
    ).map((s) => ({ version: s.version, signedAt: s.signed_at })),
    meetingResponses: rows<{ meeting_id: string; title: string; response: string; at: number }>(
      "SELECT r.meeting_id, m.title, r.response, r.at FROM meeting_responses r JOIN meetings m ON m.id = r.meeting_id WHERE r.person_id = ? ORDER BY r.at",
    ).map((r) => ({ meetingId: r.meeting_id, meetingTitle: r.title, response: r.response, at: r.at })),
    meetingOutcomes: rows<{
      meeting_id: string;
      title: string;
      recurrence_id: string;
      outcome: string;
      notes: string;
      recorded_at: number;
    }>(
      "SELECT o.meeting_id, m.title, o.recurrence_id, o.outcome, o.notes, o.recorded_at FROM meeting_outcomes o JOIN meetings m ON m.id = o.meeting_id WHERE o.recorded_by = ? ORDER BY o.recorded_at",
    ).map((o) => ({
      meetingId: o.meeting_id,
      meetingTitle: o.title,
      occurrence: o.recurrence_id,
      outcome: o.outcome,
      notes: o.notes,
      recordedAt: o.recorded_at,
    })),
    checkinAnswers: rows<{
      checkin_id: string;
      milestone: string;
      answer: string | null;
      comment: string;
      answered_at: number;
    }>(
      "SELECT a.checkin_id, c.milestone, a.answer, a.comment, a.answered_at FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id WHERE a.person_id = ? ORDER BY a.answered_at",
    ).map((a) => ({
      checkinId: a.checkin_id,
      milestone: a.milestone,
      answer: a.answer,
      comment: a.comment,
      answeredAt: a.answered_at,
    })),
    ...exportFiles(sql, personId),
  };
}

/** What forgetting changed in one room (counts only: this goes into the audit log). */
export interface ForgetReport {
  messages: number;
  notes: number;
  links: number;
  checkinAnswers: number;
  meetingResponses: number;
  outcomeNotes: number;
  /** Files they shared (their bytes queued for deletion from R2) and their comments on files. */
  files: number;
  fileComments: number;
  /** The one-to-one pairing was ended early because of it. */
  ended: boolean;
}

/** Why a pairing ended when a member deleted their data. */
export const LEFT_TRELLIS_REASON = "A member left Trellis";
/** Who stands in for the forgotten member in shared content and system lines. */
export const FORGOTTEN = "deleted";
/** The name a deleted person goes by everywhere (their D1 row, system lines, exports). */
export const DELETED_NAME = "Deleted person";

/**
 * Forgets a member inside the caller's transaction: their messages keep their place but lose their text; notes and
 * links only they wrote go; goals, co-written notes and agreement versions stay without their authorship; their
 * check-in answers, meeting answers and outcome notes go; their name and address leave the system lines. A one-to-one
 * pairing that is still open ends early (`endEarly`, through the stage machine); in a group the others carry on without
 * them. `identity` is their name and email as D1 still holds them (null once D1 has forgotten them too).
 */
export function forgetMemberData(
  sql: SqlStorage,
  personId: string,
  identity: { name: string; email: string } | null,
  endEarly: () => void,
): ForgetReport {
  const run = (query: string, ...params: SqlStorageValue[]) =>
    sql.exec(`${query} RETURNING 1`, ...params).toArray().length;
  const report: ForgetReport = {
    messages: run(
      "UPDATE messages SET body = '', source = 'removed' WHERE author_id = ? AND source = 'member'",
      personId,
    ),
    notes: run("DELETE FROM notes WHERE created_by = ?1 AND updated_by = ?1", personId),
    links: run("DELETE FROM resources WHERE added_by = ?", personId),
    checkinAnswers: run("DELETE FROM checkin_answers WHERE person_id = ?", personId),
    meetingResponses: run("DELETE FROM meeting_responses WHERE person_id = ?", personId),
    outcomeNotes: run(
      "UPDATE meeting_outcomes SET notes = '', recorded_by = ?2 WHERE recorded_by = ?1",
      personId,
      FORGOTTEN,
    ),
    ...forgetFiles(sql, personId),
    ended: false,
  };
  run("UPDATE notes SET created_by = ?2 WHERE created_by = ?1", personId, FORGOTTEN);
  run("UPDATE notes SET updated_by = ?2 WHERE updated_by = ?1", personId, FORGOTTEN);
  run("UPDATE goals SET created_by = ?2 WHERE created_by = ?1", personId, FORGOTTEN);
  run("UPDATE agreement_versions SET edited_by = ?2 WHERE edited_by = ?1", personId, FORGOTTEN);
  // No chat mail waits for them any more (their own messages are emptied above, so none quotes them either).
  run("DELETE FROM chat_mail WHERE person_id = ?", personId);
  const members = membersOf(sql);
  if (members.length > 2) run("DELETE FROM members WHERE person_id = ?", personId);
  else if (members.some((m) => m.personId === personId) && !isFinal(currentStage(sql))) {
    endEarly();
    report.ended = true;
  }
  for (const word of identity ? [identity.email, identity.name] : []) {
    if (word.trim().length < 2) continue;
    run(
      "UPDATE messages SET body = replace(body, ?1, ?2) WHERE author_id IS NULL AND instr(body, ?1) > 0",
      word,
      DELETED_NAME,
    );
    const risk = getState(sql, "risk_reason");
    if (risk?.includes(word)) setState(sql, "risk_reason", risk.replaceAll(word, DELETED_NAME));
  }
  return report;
}
