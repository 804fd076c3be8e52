/** The room's small key-value state (pairing id, stage, versions) and its member list, over the room's SQLite. */
import type { Stage } from "../domain/room/stages";
import type { RoomMember } from "../domain/room/types";

/** The keys the room keeps in `room_state`. */
export type StateKey =
  | "pairing_id"
  | "program_id"
  | "stage"
  | "paused_from"
  | "stage_reason"
  | "created_at"
  | "ended_at"
  | "last_activity_at"
  | "projection_version"
  | "agreement_shared"
  | "video_url"
  | "risk_reason"
  | "risk_since"
  | "journey";

/** Reads one state value (null when unset). */
export function getState(sql: SqlStorage, key: StateKey): string | null {
  return sql.exec<{ value: string }>("SELECT value FROM room_state WHERE key = ?", key).toArray()[0]?.value ?? null;
}

/** Writes one state value; null removes it. */
export function setState(sql: SqlStorage, key: StateKey, value: string | number | null): void {
  if (value === null) sql.exec("DELETE FROM room_state WHERE key = ?", key);
  else
    sql.exec(
      "INSERT INTO room_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      String(value),
    );
}

/** Reads a numeric state value (null when unset). */
export function getNumber(sql: SqlStorage, key: StateKey): number | null {
  const v = getState(sql, key);
  return v === null ? null : Number(v);
}

/** The pairing's current stage. */
export function currentStage(sql: SqlStorage): Stage {
  return (getState(sql, "stage") ?? "proposed") as Stage;
}

/** The members, in a stable order (mentor first). */
export function membersOf(sql: SqlStorage): RoomMember[] {
  return sql
    .exec<{ person_id: string; role: string }>(
      "SELECT person_id, role FROM members ORDER BY CASE role WHEN 'mentor' THEN 0 ELSE 1 END, person_id",
    )
    .toArray()
    .map((r) => ({ personId: r.person_id, role: r.role }));
}

/** Whether a person is a member of this pairing. */
export function isMember(sql: SqlStorage, personId: string): boolean {
  return sql.exec("SELECT 1 FROM members WHERE person_id = ?", personId).toArray().length > 0;
}

/** The pairing's D1 row and members, read once when the room first opens (see d1-lookups.ts). */
export interface PairingSeed {
  pairingId: string;
  programId: string;
  stage: Stage;
  stageReason: string;
  createdAt: number;
  endedAt: number | null;
  lastActivityAt: number | null;
  members: RoomMember[];
}

/** Stores the seed in the room's tables. */
export function storeSeed(sql: SqlStorage, seed: PairingSeed): void {
  setState(sql, "pairing_id", seed.pairingId);
  setState(sql, "program_id", seed.programId);
  setState(sql, "stage", seed.stage);
  setState(sql, "stage_reason", seed.stageReason);
  setState(sql, "created_at", seed.createdAt);
  setState(sql, "ended_at", seed.endedAt);
  setState(sql, "last_activity_at", seed.lastActivityAt);
  for (const m of seed.members)
    sql.exec("INSERT OR IGNORE INTO members (person_id, role) VALUES (?, ?)", m.personId, m.role);
}
