/**
 * What every room module works with: the room's storage and environment, the pairing it is, the clock, and its
 * members' display names. The room makes one when it starts and passes it to each concern's functions.
 */
import { readDisplayNames } from "./d1-lookups";
import { getState, membersOf, setState } from "./room-state";
import type { RoomError, RoomResult } from "../domain/room/types";

/** One pairing room as its modules see it. */
export interface RoomContext {
  /** The Durable Object's state: storage (SQLite, transactions, alarm) and its WebSockets. */
  readonly state: DurableObjectState;
  /** The room's SQLite. */
  readonly sql: SqlStorage;
  readonly env: Env;
  /** The pairing this room is (see `pairingIdOf`). */
  readonly pairingId: string;
  /** The clock, epoch ms. */
  now(): number;
  /** Members' display names by person id, read from D1 when the room wakes (null until then). */
  names: Record<string, string> | null;
}

/**
 * The room's pairing id: the name it was reached by (roomOf uses idFromName, and workerd hands that name to the object
 * as ctx.id.name in calls and alarms alike), else the id stored when the room first opened.
 */
export function pairingIdOf(state: DurableObjectState): string {
  return state.id.name ?? getState(state.storage.sql, "pairing_id") ?? "";
}

/** Makes the context of a room that has just started. */
export function roomContext(state: DurableObjectState, env: Env): RoomContext {
  return {
    state,
    env,
    sql: state.storage.sql,
    get pairingId() {
      return pairingIdOf(state);
    },
    now: () => Date.now(),
    names: null,
  };
}

/** Members' display names (read from D1 once per wake-up, again when a member is missing). */
export async function displayNames(room: RoomContext): Promise<Record<string, string>> {
  const members = membersOf(room.sql);
  if (room.names && members.every((m) => room.names![m.personId])) return room.names;
  room.names = await readDisplayNames(
    room.env,
    members.map((m) => m.personId),
  );
  return room.names;
}

/** A member's name for system lines ("A member" before names are loaded). */
export function nameOf(room: RoomContext, personId: string): string {
  return room.names?.[personId] ?? "A member";
}

/** Records member activity (the pairing's "last active"). */
export function recordActivity(room: RoomContext, at: number): void {
  setState(room.sql, "last_activity_at", at);
}

/** A refusal: an HTTP-like status, a message for people, and per-field messages for forms. */
export const refuse = (status: RoomError["status"], error: string, errors?: Record<string, string>): RoomError => ({
  ok: false,
  status,
  error,
  ...(errors ? { errors } : {}),
});

/** A successful answer. */
export const ok = <T>(value: T): RoomResult<T> => ({ ok: true, value });
