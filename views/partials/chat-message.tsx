/**
 * One chat message as a list item (a bubble: the viewer's own on the right, others' on the left with their avatar),
 * preceded by its day's separator. Ids carry the room's sequence number and the day, so live, polled and posted copies
 * merge: the upsert swap replaces an element with the same id in place and sorts new ones by `data-seq`.
 */
import { intlTag } from "../../worker/domain/i18n/locales";
import { messageOf, type Translate } from "../../worker/domain/i18n/translate";
import { dayKey, dayLabel, timeOfDay } from "../../worker/domain/room/chat-days";
import { SIGNED_BY_ALL_REASON } from "../../worker/domain/room/agreement";
import type { ChatMessage } from "../../worker/domain/room/types";
import { Avatar } from "../components/avatar";
import { useI18n } from "../i18n";

/** The swap htmx applies to messages: merge by element id, kept in sequence order, the newest shown. */
export const MESSAGE_SWAP = "upsert sort key:data-seq show:bottom";

interface ChatMessageProps {
  message: ChatMessage;
  /** Display names by person id. */
  names: Record<string, string>;
  viewerId: string;
  timeZone: string;
  /**
   * True when the message before it on the page is on the same day (no separator). Live copies leave it out: their
   * day's separator comes along and merges with the one already shown.
   */
  sameDay?: boolean;
  /** The time "Today" and "Yesterday" are counted from (now by default). */
  now?: number;
}

/** Who a message is from, as shown above it. */
function authorOf(m: ChatMessage, names: Record<string, string>, viewerId: string, t: Translate): string {
  if (m.source === "coordinator") return t("room.author.coordinator");
  if (m.source === "removed") return names[m.authorId ?? ""] ?? t("room.author.former");
  if (m.source !== "member") return "Trellis";
  if (m.authorId === viewerId) return t("room.author.you");
  return names[m.authorId ?? ""] ?? t("room.author.former");
}

/**
 * A system line's words in the viewer's language: the room stores its lines as message ids with their values (stage
 * keys translated here); older lines, and lines a coordinator wrote, are text and shown as they are.
 */
export function systemLineText(body: string, t: Translate): string {
  const message = messageOf(body);
  if (!message) return body;
  const values = { ...message.values };
  for (const key of ["from", "to"]) {
    if (typeof values[key] === "string") values[key] = t("room.stageInSentence", { stage: values[key] });
  }
  if (values.reason === SIGNED_BY_ALL_REASON) values.reason = t("room.signedByAllReason");
  return t(message.id, values);
}

/** The separator before the first message of a day, in the viewer's zone and language. */
export function DaySeparator({ message, timeZone, now }: { message: ChatMessage; timeZone: string; now: number }) {
  const { locale } = useI18n();
  return (
    <li id={`day-${dayKey(message.createdAt, timeZone)}`} data-seq={`${message.seq - 1}.5`} class="day">
      <h2>{dayLabel(message.createdAt, timeZone, now, intlTag(locale))}</h2>
    </li>
  );
}

/** A message after its day's separator: author, time of day in the viewer's zone, and the text (line breaks kept). */
export function ChatMessageItem({ message, names, viewerId, timeZone, sameDay, now = Date.now() }: ChatMessageProps) {
  const removed = message.source === "removed";
  const member = message.source === "member";
  const mine = member && message.authorId === viewerId;
  const kind = removed ? "msg removed" : !member ? "msg system" : mine ? "msg mine" : "msg";
  const { t, locale } = useI18n();
  const author = authorOf(message, names, viewerId, t);
  const system = !member && !removed && message.source !== "coordinator";
  return (
    <>
      {sameDay ? null : <DaySeparator message={message} timeZone={timeZone} now={now} />}
      <li id={`m-${message.seq}`} data-seq={String(message.seq)} class={kind}>
        {member && !mine ? <Avatar id={message.authorId ?? ""} name={author} small /> : null}
        <div class="bubble">
          <p class="meta">
            <strong>
              <bdi>{author}</bdi>
            </strong>{" "}
            <time datetime={new Date(message.createdAt).toISOString()}>
              {timeOfDay(message.createdAt, timeZone, intlTag(locale))}
            </time>
          </p>
          {removed ? (
            <p class="body">
              <em>{t("chat.removed")}</em>
            </p>
          ) : (
            <p class="body" dir={system ? undefined : "auto"}>
              {system ? systemLineText(message.body, t) : message.body}
            </p>
          )}
        </div>
      </li>
    </>
  );
}

/** Messages in order, each day's first one after its separator. */
export function ChatMessages({
  messages,
  names,
  viewerId,
  timeZone,
  now = Date.now(),
}: {
  messages: readonly ChatMessage[];
  names: Record<string, string>;
  viewerId: string;
  timeZone: string;
  now?: number;
}) {
  return (
    <>
      {messages.map((m, i) => (
        <ChatMessageItem
          message={m}
          names={names}
          viewerId={viewerId}
          timeZone={timeZone}
          now={now}
          sameDay={i > 0 && dayKey(messages[i - 1]!.createdAt, timeZone) === dayKey(m.createdAt, timeZone)}
        />
      ))}
    </>
  );
}
