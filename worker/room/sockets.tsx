/** Live chat frames: what the room sends down each hibernating WebSocket, in the JSON shape htmx's hx-ws swaps. */
import { i18nFor, renderIn } from "../../views/i18n";
import { ChatMessageItem, MESSAGE_SWAP } from "../../views/partials/chat-message";
import { isLocale } from "../domain/i18n/locales";
import type { ChatMessage } from "../domain/room/types";

/** What a socket remembers across hibernation (its attachment). */
export interface SocketInfo {
  personId: string;
  pairingId: string;
  timeZone: string;
  /** The language the member's chat page spoke when it connected (sockets opened before it was kept: English). */
  locale?: string;
}

/** The frame for one message: data for any client, plus `content`/`target`/`swap` that hx-ws swaps into the list. */
export async function messageFrame(
  message: ChatMessage,
  names: Record<string, string>,
  viewer: SocketInfo,
): Promise<string> {
  const html = renderIn(
    i18nFor(isLocale(viewer.locale) ? viewer.locale : "en"),
    <ChatMessageItem message={message} names={names} viewerId={viewer.personId} timeZone={viewer.timeZone} />,
  );
  return JSON.stringify({
    type: "message",
    seq: message.seq,
    client_id: message.clientId,
    author_id: message.authorId,
    content: html,
    target: "#messages",
    swap: MESSAGE_SWAP,
  });
}

/** Sends a message to every socket, rendering it once per viewer and time zone. */
export async function broadcastMessage(
  sockets: WebSocket[],
  message: ChatMessage,
  names: Record<string, string>,
): Promise<void> {
  const frames = new Map<string, string>();
  for (const ws of sockets) {
    const info = ws.deserializeAttachment() as SocketInfo | null;
    if (!info) continue;
    const key = `${info.personId}|${info.timeZone}|${info.locale ?? "en"}`;
    if (!frames.has(key)) frames.set(key, await messageFrame(message, names, info));
    try {
      ws.send(frames.get(key)!);
    } catch {
      // the socket is closing; its page will catch up when it reconnects or polls
    }
  }
}
