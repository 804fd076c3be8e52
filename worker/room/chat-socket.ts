/**
 * Live chat over hibernating WebSockets: accepting a member's socket (the worker has checked the session and passes who
 * it is in headers), storing what a socket sends, and closing. Frames are rendered in sockets.tsx.
 */
import { isLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { refusalText } from "../domain/room/room-messages";
import { storeMemberMessage } from "./chat";
import { checkAccess, readOnlyReason } from "./room-access";
import type { RoomContext } from "./room-context";
import type { SocketInfo } from "./sockets";
import { write } from "./write-path";

/** Accepts a member's chat socket after the room's access check. */
export async function acceptChatSocket(room: RoomContext, request: Request): Promise<Response> {
  if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket")
    return new Response("Expected a WebSocket", { status: 426 });
  const personId = request.headers.get("X-Trellis-Person") ?? "";
  const who = await checkAccess(room, { kind: "member", personId }, "members");
  if (!who.ok) return new Response(who.error, { status: who.status });
  const pair = new WebSocketPair();
  const info: SocketInfo = {
    personId,
    pairingId: room.pairingId,
    timeZone: request.headers.get("X-Trellis-Zone") || "UTC",
    locale: isLocale(request.headers.get("X-Trellis-Locale"))
      ? (request.headers.get("X-Trellis-Locale") as string)
      : "en",
  };
  room.state.acceptWebSocket(pair[1], [personId]);
  pair[1].serializeAttachment(info);
  return new Response(null, { status: 101, webSocket: pair[0] });
}

/** A message from a socket: `{ body, client_id }` (what htmx's hx-ws:send sends). Stored, then broadcast. */
export async function receiveChatFrame(room: RoomContext, ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
  const info = ws.deserializeAttachment() as SocketInfo | null;
  const who = info ? await checkAccess(room, { kind: "member", personId: info.personId }, "members") : null;
  if (!info || !who?.ok) {
    ws.close(4403, "Not a member of this pairing");
    return;
  }
  let input: { body?: unknown; client_id?: unknown } | null;
  try {
    input = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)) as typeof input;
  } catch {
    input = null;
  }
  const t = translator(isLocale(info.locale) ? info.locale : "en");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    // Only a program that is not the chat page sends anything but JSON.
    ws.send(JSON.stringify({ type: "error", error: "Messages must be JSON." }));
    return;
  }
  const closed = readOnlyReason(room);
  const result = closed
    ? { ok: false as const, error: "", message: closed }
    : await write(room, () => storeMemberMessage(room, info.personId, input.client_id, input.body, true));
  if (!result.ok) ws.send(JSON.stringify({ type: "error", client_id: input.client_id, error: refusalText(t, result) }));
}

/** A socket closed: close our side too (codes 1005/1006 cannot be sent back). */
export function closeChatSocket(ws: WebSocket, code: number): void {
  try {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, "closed");
  } catch {
    // already closed
  }
}
