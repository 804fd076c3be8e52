/**
 * The D1 side of deleting a person's data, as one batch (one transaction): mail about them to others loses their name,
 * address and request text; their sessions, sign-in links, invitations, calendar feeds, preferences, mail, rate-limit
 * events, request texts, check-in answers, avoid lists, unpublished proposals and memberships go; import reports lose
 * lines naming them; their people row becomes an anonymous tombstone; and the deletion is logged, counts only.
 */
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { DELETED_NAME } from "../room/member-data";

/** Who is being deleted, and what the rooms removed (for the audit log). */
export interface Erasure {
  personId: string;
  name: string;
  email: string;
  /** Programs they belonged to: one audit row each. */
  programIds: string[];
  /** Match request texts they wrote, with the mentor each was mailed to. */
  requestTexts: { mentorId: string; text: string }[];
  /** Import reports whose bad-line list names their address, with that list without those lines. */
  imports: { id: string; bad: { line: number; reason: string }[] }[];
  counts: Record<string, number>;
}

/** Mail to people who share a program with the person (found through the recipients' index). */
const TO_CO_MEMBERS = `to_email IN (SELECT pe.email FROM memberships mine JOIN memberships mo ON mo.program_id = mine.program_id JOIN people pe ON pe.id = mo.person_id
  WHERE mine.person_id = ?1 AND mo.person_id != ?1)`;

/** The statements, in order; run them with `env.DB.batch`. */
export function erasureStatements(env: Env, e: Erasure, now: number): D1PreparedStatement[] {
  const q = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params);
  const scrub = [e.email, e.name]
    .filter((w) => w.trim().length >= 2)
    .map((word) =>
      q(
        `UPDATE notifications SET subject = replace(subject, ?2, ?3), body_text = replace(body_text, ?2, ?3) WHERE ${TO_CO_MEMBERS} AND (instr(subject, ?2) > 0 OR instr(body_text, ?2) > 0)`,
        e.personId,
        word,
        DELETED_NAME,
      ),
    );
  const requestMail = e.requestTexts
    .filter((r) => r.text.trim())
    .map((r) =>
      q(
        "UPDATE notifications SET body_text = replace(body_text, ?2, '(message removed)') WHERE to_email = (SELECT email FROM people WHERE id = ?1) AND instr(body_text, ?2) > 0",
        r.mentorId,
        r.text,
      ),
    );
  const audit = [...e.programIds, null].map((programId) => {
    const query = auditInsert(db(env), {
      programId,
      actorId: e.personId,
      subjectId: e.personId,
      action: "person.delete",
      detail: e.counts,
      at: now,
    }).toSQL();
    return q(query.sql, ...query.params);
  });
  return [
    ...scrub,
    ...requestMail,
    q("DELETE FROM sessions WHERE person_id = ?1", e.personId),
    q("DELETE FROM login_tokens WHERE email = ?1", e.email),
    q("DELETE FROM invitations WHERE person_id = ?1", e.personId),
    q("DELETE FROM calendar_tokens WHERE person_id = ?1", e.personId),
    q("DELETE FROM notification_prefs WHERE person_id = ?1", e.personId),
    q("DELETE FROM notifications WHERE to_email = ?1", e.email),
    q("DELETE FROM notifications WHERE person_id = ?1", e.personId),
    q("DELETE FROM rate_events WHERE bucket = ?1", `signin:addr:${e.email}`),
    q(
      "UPDATE match_requests SET message = '', reason = '', status = CASE status WHEN 'pending' THEN 'withdrawn' ELSE status END, decided_at = coalesce(decided_at, ?2) WHERE mentee_id = ?1 OR mentor_id = ?1",
      e.personId,
      now,
    ),
    q("DELETE FROM match_proposals WHERE (mentor_id = ?1 OR mentee_id = ?1) AND pairing_id IS NULL", e.personId),
    q("DELETE FROM match_avoids WHERE person_id = ?1 OR avoid_id = ?1", e.personId),
    q(
      "DELETE FROM checkin_answers WHERE person_id = ?1 AND pairing_id IN (SELECT pairing_id FROM pairing_members WHERE person_id = ?1)",
      e.personId,
    ),
    q("DELETE FROM memberships WHERE person_id = ?1", e.personId),
    ...e.imports.map((i) => q("UPDATE participant_imports SET bad = ?2 WHERE id = ?1", i.id, JSON.stringify(i.bad))),
    q(
      `UPDATE people SET name = ?2, email = 'deleted-' || id || '@deleted.invalid', pronouns = '', bio = '', time_zone = 'UTC', goals = '[]', expertise = '[]',
         interests = '[]', languages = '[]', channels = '[]', availability = '[]', contact_start = 540, contact_end = 1080, capacity = 0, unavailable = 1,
         can_create_programs = 0, deleted_at = ?3, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL`,
      e.personId,
      DELETED_NAME,
      now,
    ),
    ...audit,
  ];
}
