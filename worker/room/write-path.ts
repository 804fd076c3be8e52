/**
 * The one way the room changes. A call has passed the access check (room-access.ts); then `write` stores the change in
 * one transaction together with what D1 must learn of it (the outbox), wakes the alarm that projects it to D1, and
 * sends a new chat message to every open socket. Every write of every module goes through here.
 */
import { queueProjection, type Projection, scheduleDrain } from "./projection-outbox";
import { displayNames, ok, type RoomContext } from "./room-context";
import type { ChatMessage, RoomResult } from "../domain/room/types";
import { broadcastMessage } from "./sockets";

/** What a stored change answers, and what the room must tell others about it. */
export interface Stored<T> {
  value: T;
  /** What D1's projection must learn: the whole summary, only the chat's counts, or nothing. */
  project: Projection;
  /** A chat message for every open socket. */
  broadcast?: ChatMessage;
}

/** A stored change that D1 must learn about as a whole (most writes). */
export const summary = <T>(value: T): RoomResult<Stored<T>> => ok({ value, project: "summary" });
/** A change D1 does not need to know about, or a call that changed nothing. */
export const unprojected = <T>(value: T): RoomResult<Stored<T>> => ok({ value, project: "nothing" });

/** Stores a change (`store` runs in one transaction and may refuse), projects it, then broadcasts it. */
export async function write<T>(room: RoomContext, store: () => RoomResult<Stored<T>>): Promise<RoomResult<T>> {
  const result = room.state.storage.transactionSync(() => {
    const stored = store();
    if (stored.ok) queueProjection(room.sql, stored.value.project);
    return stored;
  });
  if (!result.ok) return result;
  if (result.value.project !== "nothing") scheduleDrain(room.state);
  if (result.value.broadcast)
    await broadcastMessage(room.state.getWebSockets(), result.value.broadcast, await displayNames(room));
  return ok(result.value.value);
}
