/** "Download everything Trellis holds about you": a person's D1 records and, from each pairing room, what they wrote there. */
import { personAudit } from "../audit/audit-log";
import { isoUtc } from "../domain/csv-writer";
import { asMember, roomOf } from "../pairings/access";
import type { Person } from "../domain/records";
import { pairingsOf } from "./person-pairings";
import { personName } from "../pairings/people-sql";

type Row = Record<string, unknown>;

/** Epoch-ms columns (by name) turned into ISO 8601 UTC strings, so the file reads without a converter. */
function withIsoTimes(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, /(_at|At)$/.test(k) && typeof v === "number" ? isoUtc(v) : v]),
  );
}

/** Parses JSON text columns (tags, availability, attributes, reasons) so the file holds them as data. */
function withJson(row: Row, columns: string[]): Row {
  const out = { ...row };
  for (const c of columns) if (typeof out[c] === "string") out[c] = JSON.parse(out[c] as string);
  return out;
}

const QUERIES = {
  memberships: `SELECT m.program_id, pr.name AS program, m.role, m.status, m.created_at, m.invited_at, m.attributes, m.wants
    FROM memberships m JOIN programs pr ON pr.id = m.program_id WHERE m.person_id = ?1 ORDER BY m.created_at`,
  matchRequests: `SELECT r.id, pr.name AS program, CASE WHEN r.mentee_id = ?1 THEN 'sent' ELSE 'received' END AS direction,
      ${personName("o")} AS other_person,
      r.message, r.status, r.reason, r.created_at, r.expires_at, r.decided_at, r.pairing_id
    FROM match_requests r JOIN programs pr ON pr.id = r.program_id JOIN people o ON o.id = CASE WHEN r.mentee_id = ?1 THEN r.mentor_id ELSE r.mentee_id END
    WHERE r.mentee_id = ?1 OR r.mentor_id = ?1 ORDER BY r.created_at`,
  matchProposals: `SELECT mp.id, pr.name AS program, CASE WHEN mp.mentor_id = ?1 THEN 'mentor' ELSE 'mentee' END AS your_side,
      ${personName("o")} AS other_person, mp.score, mp.reasons, mp.approved, mp.pairing_id, mp.updated_at
    FROM match_proposals mp JOIN programs pr ON pr.id = mp.program_id JOIN people o ON o.id = CASE WHEN mp.mentor_id = ?1 THEN mp.mentee_id ELSE mp.mentor_id END
    WHERE mp.mentor_id = ?1 OR mp.mentee_id = ?1 ORDER BY mp.updated_at`,
  pairings: `SELECT p.id, pr.name AS program, me.role AS your_role, p.stage, p.stage_reason, p.created_at, p.ended_at,
      (SELECT json_group_array(json_object('name', ${personName("pe")}, 'role', o.role))
         FROM pairing_members o JOIN people pe ON pe.id = o.person_id WHERE o.pairing_id = p.id) AS members
    FROM pairing_members me JOIN pairings p ON p.id = me.pairing_id JOIN programs pr ON pr.id = p.program_id WHERE me.person_id = ?1 ORDER BY p.created_at`,
  meetings: `SELECT m.id, m.pairing_id, m.title, m.kind, m.location, m.video_url, m.time_zone, m.start_local, m.duration_minutes, m.repeat, m.status, (m.organizer_id = ?1) AS you_organised
    FROM pairing_members me JOIN meetings m ON m.pairing_id = me.pairing_id WHERE me.person_id = ?1 ORDER BY m.first_start`,
  notificationPreferences: "SELECT category, mode FROM notification_prefs WHERE person_id = ?1 ORDER BY category",
  notifications: `SELECT id, subject, kind, status, created_at, sent_at, delivered_at, body_text FROM notifications
    WHERE to_email = ?2 UNION SELECT id, subject, kind, status, created_at, sent_at, delivered_at, body_text FROM notifications WHERE person_id = ?1 ORDER BY created_at`,
  calendarFeeds:
    "SELECT pairing_id, created_at, revoked_at, last_used_at FROM calendar_tokens WHERE person_id = ?1 ORDER BY created_at",
  sessions: "SELECT created_at, expires_at FROM sessions WHERE person_id = ?1 ORDER BY created_at",
  invitations: `SELECT pr.name AS program, i.role, i.created_at, i.expires_at, i.used_at FROM invitations i JOIN programs pr ON pr.id = i.program_id
    WHERE i.person_id = ?1 ORDER BY i.created_at`,
} as const;

/** Everything Trellis holds about a person, as one JSON-ready object (their own words included: it is theirs). */
export async function collectPersonData(env: Env, person: Person, now = Date.now()) {
  const keys = Object.keys(QUERIES) as (keyof typeof QUERIES)[];
  const results = await env.DB.batch(
    keys.map((k) =>
      env.DB.prepare(QUERIES[k]).bind(...(QUERIES[k].includes("?2") ? [person.id, person.email] : [person.id])),
    ),
  );
  const d1 = Object.fromEntries(keys.map((k, i) => [k, (results[i]!.results as Row[]).map(withIsoTimes)])) as Record<
    keyof typeof QUERIES,
    Row[]
  >;
  const rooms = await Promise.all(
    (await pairingsOf(env, person.id)).map(({ pairingId }) =>
      roomOf(env, pairingId).exportMember(pairingId, asMember(person.id), person.id),
    ),
  );
  const { deletedAt: _d, ...profile } = person;
  return {
    about: "Everything Trellis holds about you, as of the time below. Times are ISO 8601 UTC.",
    exportedAt: isoUtc(now),
    profile: withIsoTimes(profile as unknown as Row),
    memberships: d1.memberships.map((r) => withJson(r, ["attributes"])),
    matchRequests: d1.matchRequests,
    matchProposals: d1.matchProposals.map((r) => withJson(r, ["reasons"])),
    pairings: d1.pairings.map((r) => withJson(r, ["members"])),
    yourContentInPairings: rooms.flatMap((r) => (r.ok ? [r.value] : [])),
    meetings: d1.meetings,
    notificationPreferences: d1.notificationPreferences,
    notifications: d1.notifications,
    calendarFeeds: d1.calendarFeeds,
    sessions: d1.sessions,
    invitations: d1.invitations,
    audit: (await personAudit(env, person.id)).map((a) => ({
      action: a.action,
      pairingId: a.pairingId,
      by: a.actorId === person.id ? "you" : a.actorName,
      detail: a.detail,
      at: isoUtc(a.at),
    })),
  };
}
