/**
 * One chat message as a list item; its id carries the room's sequence number so live, polled and posted copies merge.
 */
import { formatShortInstant } from "../../worker/domain/format-time";
import type { ChatMessage } from "../../worker/domain/room/types";

/** The swap htmx applies to a message: merge by element id, kept in sequence order. */
export const MESSAGE_SWAP = "upsert sort";

interface ChatMessageProps {
  message: ChatMessage;
  /** Display names by person id. */
  names: Record<string, string>;
  viewerId: string;
  timeZone: string;
}

/** Who a message is from, as shown above it. */
function authorOf(m: ChatMessage, names: Record<string, string>, viewerId: string): string {
  if (m.source === "coordinator") return "Program coordinator";
  if (m.source === "removed") return names[m.authorId ?? ""] ?? "Former member";
  if (m.source !== "member") return "Trellis";
  if (m.authorId === viewerId) return "You";
  return names[m.authorId ?? ""] ?? "Former member";
}

/**
 * A message: author, time in the viewer's zone, and the text (line breaks kept by CSS); a removed one says so in place.
 */
export function ChatMessageItem({ message, names, viewerId, timeZone }: ChatMessageProps) {
  const removed = message.source === "removed";
  const kind = removed
    ? "msg removed"
    : message.source !== "member"
      ? "msg system"
      : message.authorId === viewerId
        ? "msg mine"
        : "msg";
  return (
    <li id={`m-${message.seq}`} class={kind}>
      <p class="meta">
        <strong>{authorOf(message, names, viewerId)}</strong>{" "}
        <time datetime={new Date(message.createdAt).toISOString()}>
          {formatShortInstant(message.createdAt, timeZone)}
        </time>
      </p>
      {removed ? (
        <p class="body">
          <em>Message removed</em>
        </p>
      ) : (
        <p class="body">{message.body}</p>
      )}
    </li>
  );
}
