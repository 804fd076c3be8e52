/** Chat rules: message length, client-made ids, and the per-member rate limit. Pure. */
import type { MessageId } from "../i18n/translate";
import { type RoomMessage, roomMessage } from "./room-messages";

export const MESSAGE_MAX = 2000;
export const PAGE_SIZE = 30;

/** Checks a message body; returns the trimmed text or a message for the writer. */
export function checkBody(body: unknown): { ok: true; body: string } | { ok: false; message: RoomMessage } {
  const text = typeof body === "string" ? body.replace(/\r\n/g, "\n").trim() : "";
  if (!text) return { ok: false, message: roomMessage("chat.error.empty") };
  if (text.length > MESSAGE_MAX)
    return { ok: false, message: roomMessage("chat.error.tooLong", { max: MESSAGE_MAX, length: text.length }) };
  return { ok: true, body: text };
}

/** Whether a client-made message id is acceptable (8–64 letters, digits, "-" or "_"). */
export function validClientId(id: unknown): id is string {
  return typeof id === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(id);
}

/** The rate limit: at most `perMinute` messages by one member in any 60 seconds. */
export function rateLimited(
  recentTimes: number[],
  now: number,
  perMinute: number,
): { limited: false } | { limited: true; retryInSeconds: number } {
  const inWindow = recentTimes.filter((t) => t > now - 60_000).sort((a, b) => a - b);
  if (inWindow.length < perMinute) return { limited: false };
  const oldest = inWindow[inWindow.length - perMinute]!;
  return { limited: true, retryInSeconds: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) };
}

/** The message shown when the rate limit refuses a message. */
export function rateLimitMessage(retryInSeconds: number): RoomMessage {
  return roomMessage("chat.error.rateLimited", { seconds: retryInSeconds });
}

/** "3 unread", or "999+ unread" past the counted maximum (English, for pages not yet translated: see `unreadMessage`). */
export function unreadLabel(n: number): string {
  return `${n > 999 ? "999+" : n} unread`;
}

/** The unread count as a message: "3 unread", or "999+ unread" past the counted maximum. */
export function unreadMessage(n: number): { id: MessageId; values: { count: number } } {
  return { id: n > 999 ? "room.unreadMany" : "room.unread", values: { count: n } };
}
