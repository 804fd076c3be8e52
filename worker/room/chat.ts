/** The pairing's chat: pages of history, read positions, members' messages and system lines. */
import { checkBody, rateLimited, rateLimitMessage, validClientId } from "../domain/room/chat";
import { msg } from "../domain/i18n/translate";
import { type RoomMessage, refusal } from "../domain/room/room-messages";
import { isFinal } from "../domain/room/stages";
import { startQuietPeriod } from "./chat-mail";
import { findSent, insertMessage, markRead, messagesAfter, pageOf, recentSendTimes } from "./chat-store";
import type { Caller } from "./room-access";
import { ok, type RoomContext, recordActivity, refuse } from "./room-context";
import { currentStage } from "./room-state";
import type { ChatMessage, ChatPage, RoomResult } from "../domain/room/types";
import { type Stored, unprojected, write } from "./write-path";

const DEFAULT_RATE_PER_MINUTE = 20;

/** A refusal about the message's text: the same message for the page and for the text field. */
function bodyRefusal(status: 422 | 429, message: RoomMessage) {
  return refusal(status, message.id, message.values, { body: msg(message.id, message.values) });
}

/** A page of chat (the newest unless `before` is given); reading the newest page marks it read. */
export function chatPage(room: RoomContext, who: Caller, before: number | null): Promise<RoomResult<ChatPage>> {
  const page = pageOf(room.sql, before);
  return before === null ? markReadUpTo(room, who.id, page.lastSeq, page) : Promise.resolve(ok(page));
}

/** Messages after `after`, for a page that polls; they count as read. */
export function chatAfter(room: RoomContext, who: Caller, after: number): Promise<RoomResult<ChatPage>> {
  const messages = messagesAfter(room.sql, after);
  const last = messages.at(-1)?.seq ?? after;
  return markReadUpTo(room, who.id, last, { messages, earlierBefore: null, lastSeq: last });
}

/** Marks messages read up to `seq`; if that changed the member's unread count, D1 learns the chat's new counts. */
function markReadUpTo<T>(room: RoomContext, personId: string, seq: number, value: T): Promise<RoomResult<T>> {
  return write(room, () => ok({ value, project: markRead(room.sql, personId, seq) ? "chat" : "nothing" }));
}

/** Stores a member's message (once per client id), then sends it to every open socket. */
export function postMessage(
  room: RoomContext,
  who: Caller,
  clientId: string,
  body: string,
): Promise<RoomResult<{ message: ChatMessage; duplicate: boolean }>> {
  return write(room, () => storeMemberMessage(room, who.id, clientId, body, false));
}

/**
 * Validates, dedupes by client id, rate-limits and stores a member's message. A resend (same client id) stores nothing;
 * `echoResend` still sends it to the sockets (a socket that lost its connection waits for its message to come back).
 */
export function storeMemberMessage(
  room: RoomContext,
  personId: string,
  clientId: unknown,
  body: unknown,
  echoResend: boolean,
): RoomResult<Stored<{ message: ChatMessage; duplicate: boolean }>> {
  // Only a request not made by the chat page (which always sends an id) lacks a valid one.
  if (!validClientId(clientId)) return refuse(422, "This message has no valid id; reload the page and send it again.");
  const existing = findSent(room.sql, personId, clientId);
  if (existing)
    return ok({
      value: { message: existing, duplicate: true },
      project: "nothing",
      ...(echoResend ? { broadcast: existing } : {}),
    });
  const checked = checkBody(body);
  if (!checked.ok) return bodyRefusal(422, checked.message);
  const now = room.now();
  const perMinute = Number(room.env.CHAT_RATE_PER_MINUTE) || DEFAULT_RATE_PER_MINUTE;
  const limit = rateLimited(recentSendTimes(room.sql, personId, now - 60_000, perMinute), now, perMinute);
  if (limit.limited) return bodyRefusal(429, rateLimitMessage(limit.retryInSeconds));
  recordActivity(room, now);
  const message = insertMessage(room.sql, {
    authorKey: personId,
    clientId,
    authorId: personId,
    source: "member",
    body: checked.body,
    now,
  });
  startQuietPeriod(room, personId, message.seq, now);
  return ok({ value: { message, duplicate: false }, project: "chat", broadcast: message });
}

/** Posts a message from the journey or a coordinator into the chat (once per key). */
export function postSystemMessage(
  room: RoomContext,
  who: Caller,
  key: string,
  body: string,
): Promise<RoomResult<{ message: ChatMessage }>> {
  // These two are never shown to a person: only the journey and coordinator code post system lines.
  if (who.kind === "member") return Promise.resolve(refuse(403, "Members write messages themselves."));
  return write(room, () => {
    const checked = checkBody(body);
    if (!checked.ok) return bodyRefusal(422, checked.message);
    if (!validClientId(key)) return refuse(422, "The message key is not valid.");
    const source = who.kind;
    const authorKey = `system:${source}`;
    const existing = findSent(room.sql, authorKey, key);
    if (existing) return unprojected({ message: existing });
    const stage = currentStage(room.sql);
    if (source === "coordinator" && isFinal(stage)) return refusal(409, "chat.error.closedForCoordinator", { stage });
    const message = insertMessage(room.sql, {
      authorKey,
      clientId: key,
      authorId: null,
      source,
      body: checked.body,
      now: room.now(),
    });
    return ok({ value: { message }, project: "chat", broadcast: message });
  });
}

/** Adds a system line to the chat inside the current write (not broadcast: pages show it when they load). */
export function systemNote(room: RoomContext, body: string, key: string, now: number): void {
  if (!findSent(room.sql, "system:journey", key))
    insertMessage(room.sql, {
      authorKey: "system:journey",
      clientId: key,
      authorId: null,
      source: "journey",
      body,
      now,
    });
}
