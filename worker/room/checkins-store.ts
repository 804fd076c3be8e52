/** The room's check-ins (opened by the journey) and its members' answers. */

/** A check-in with every member's answer so far. */
export interface RoomCheckin {
  id: string;
  milestone: string;
  opensAt: number;
  closesAt: number;
  answers: { personId: string; answer: string | null; comment: string; answeredAt: number }[];
}

type CheckinRow = { id: string; milestone: string; opens_at: number; closes_at: number };
type AnswerRow = { checkin_id: string; person_id: string; answer: string | null; comment: string; answered_at: number };

/** Every check-in, oldest first, with answers. */
export function listCheckins(sql: SqlStorage): RoomCheckin[] {
  const answers = sql.exec<AnswerRow>("SELECT * FROM checkin_answers").toArray();
  return sql
    .exec<CheckinRow>("SELECT * FROM checkins ORDER BY opens_at, id")
    .toArray()
    .map((c) => ({
      id: c.id,
      milestone: c.milestone,
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      answers: answers
        .filter((a) => a.checkin_id === c.id)
        .map((a) => ({ personId: a.person_id, answer: a.answer, comment: a.comment, answeredAt: a.answered_at })),
    }));
}

/** One check-in, or null. */
export function getCheckin(sql: SqlStorage, id: string): RoomCheckin | null {
  return listCheckins(sql).find((c) => c.id === id) ?? null;
}

/** Opens the check-in for a milestone once; returns its id and whether it is new. */
export function openCheckin(
  sql: SqlStorage,
  id: string,
  milestone: string,
  opensAt: number,
  closesAt: number,
): { id: string; created: boolean } {
  const existing = sql.exec<{ id: string }>("SELECT id FROM checkins WHERE milestone = ?", milestone).toArray()[0];
  if (existing) return { id: existing.id, created: false };
  sql.exec(
    "INSERT INTO checkins (id, milestone, opens_at, closes_at) VALUES (?, ?, ?, ?)",
    id,
    milestone,
    opensAt,
    closesAt,
  );
  return { id, created: true };
}

/** Records (or changes) a member's answer, keeping any comment already given unless a new one is. */
export function setAnswer(
  sql: SqlStorage,
  checkinId: string,
  personId: string,
  answer: string,
  comment: string,
  now: number,
): void {
  sql.exec(
    `INSERT INTO checkin_answers (checkin_id, person_id, answer, comment, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT DO UPDATE SET answer = ?3, comment = CASE WHEN ?4 = '' THEN comment ELSE ?4 END, answered_at = ?5`,
    checkinId,
    personId,
    answer,
    comment,
    now,
  );
}

/** Records a comment (e.g. an emailed reply) without changing the answer. */
export function setComment(sql: SqlStorage, checkinId: string, personId: string, comment: string, now: number): void {
  sql.exec(
    `INSERT INTO checkin_answers (checkin_id, person_id, answer, comment, answered_at) VALUES (?1, ?2, NULL, ?3, ?4)
     ON CONFLICT DO UPDATE SET comment = ?3, answered_at = ?4`,
    checkinId,
    personId,
    comment,
    now,
  );
}
