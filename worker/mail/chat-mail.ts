/**
 * Chat by mail, the mail side: one mail to a member quoting the chat messages they have not read, sent only inside
 * their contact hours (the room asks again when their window opens, so a message read in the meantime is not mailed),
 * through `notify` (their preference for "Chat messages" decides immediate, digest or nothing). Its Reply-To is their
 * reply address for the pairing, so a reply is posted in the chat (inbound.ts).
 */
import { type QuotedMessage, unreadChatMail } from "../domain/chat-mail";
import { nextContactTime } from "../domain/contact-hours";
import { mailLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { mailContactOf } from "../people/profile-store";
import { publicOrigin } from "./mail-outbox";
import { LOCAL_ORIGIN } from "./mail-body";
import { notify } from "./notify";
import { replyAddress } from "./reply-address";

/** How long a chat mail's reply address takes replies. */
const REPLY_DAYS = 120;

/** What became of a due chat mail: written to the outbox (or recorded per preference), or to wait until `at`. */
export type ChatMailOutcome = { sent: true; id: string; status: string } | { sent: false; at: number } | null;

/**
 * Mails a member their unread messages of a pairing, if now is inside their contact hours; else says when it is.
 * Idempotent per member and last message (`lastSeq`). Null when the person no longer exists.
 */
export async function mailUnreadChat(
  env: Env,
  input: { pairingId: string; personId: string; messages: QuotedMessage[]; lastSeq: number },
  now = Date.now(),
): Promise<ChatMailOutcome> {
  const person = await mailContactOf(env, input.personId);
  if (!person) return null;
  const opens = nextContactTime(now, {
    timeZone: person.timeZone,
    start: person.contactStart,
    end: person.contactEnd,
  });
  if (opens > now) return { sent: false, at: opens };
  const origin = publicOrigin(env, LOCAL_ORIGIN);
  const link = `${origin}/pairings/${input.pairingId}/chat`;
  const locale = mailLocale(person.language);
  const mail = unreadChatMail({
    recipientName: person.name,
    zone: person.timeZone,
    messages: input.messages,
    link,
    locale,
    t: translator(locale),
  });
  const result = await notify(
    env,
    {
      id: `chat:${input.pairingId}:${input.personId}:${input.lastSeq}`,
      personId: input.personId,
      category: "chat",
      kind: "chat-unread",
      subject: mail.subject,
      text: mail.text,
      link,
      origin,
      replyTo: await replyAddress(env, input.personId, { pairingId: input.pairingId }, now + REPLY_DAYS * 86_400_000),
      thread: input.pairingId,
    },
    now,
  );
  return { sent: true, id: result.id, status: result.status };
}
