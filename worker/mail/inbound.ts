/**
 * Replies by email: the worker's `email()` handler. A member's reply to a Trellis email arrives at their own reply
 * address (reply+<token>@REPLY_DOMAIN, see reply-address.ts); its text, without quotes and signatures, is posted in the
 * pairing's chat or kept as the check-in's comment. Anything else is refused with a reason the sender's mail server
 * bounces back to them; nothing is stored then.
 */
import { type ParsedMessage, parseMail } from "@protontech/jsmimeparser";
import { commentOnCheckin } from "../checkins/answer-links";
import { COMMENT_MAX } from "../domain/journey/checkin-answers";
import { MESSAGE_MAX } from "../domain/room/chat";
import { signingKeys } from "../domain/signed-link-tokens";
import { sha256Hex } from "../domain/random-secrets";
import { roomOf } from "../pairings/access";
import { mailContactOf } from "../people/profile-store";
import { replyTokenOf, verifyReplyToken } from "./reply-address";
import { replyText } from "./reply-text";

/** Larger messages are refused before they are read (replies carry photos sometimes; none of it is kept). */
export const INBOUND_RAW_MAX = 10 * 1024 * 1024;

/** What became of an inbound email. */
export type InboundOutcome =
  | { ok: true; kind: "chat"; pairingId: string; seq: number; duplicate: boolean; truncated: boolean }
  | { ok: true; kind: "checkin"; checkinId: string; truncated: boolean }
  | { ok: true; kind: "ignored"; why: string }
  | { ok: false; reason: string };

/**
 * The `email()` handler: processes the message and refuses it (SMTP 5xx with the reason, which the sender's server
 * bounces to them) when it cannot be taken. Ignored mail (auto-replies, bounces) is dropped without a bounce.
 */
export async function handleInboundEmail(
  message: ForwardableEmailMessage,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const outcome = await receiveReply(message, env);
  if (!outcome.ok) message.setReject(smtpText(outcome.reason));
}

/**
 * Why a message is automatic (an out-of-office reply, a bounce, list or bulk mail), or null for mail a person sent.
 * Such mail is dropped quietly: posting "I am away until Monday" into a chat helps no one, and refusing it would only
 * bounce a bounce (RFC 3834).
 */
export function automaticMail(message: ForwardableEmailMessage): string | null {
  if (!bareAddress(message.from)) return "a bounce (empty sender)";
  const h = message.headers;
  const autoSubmitted = h.get("Auto-Submitted")?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return `automatic (Auto-Submitted: ${autoSubmitted})`;
  if (h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder")) return "an auto-reply";
  const precedence = h.get("Precedence")?.trim().toLowerCase();
  if (precedence && ["auto_reply", "bulk", "junk", "list"].includes(precedence))
    return `automatic (Precedence: ${precedence})`;
  return null;
}

/** Checks the address, its token and the sender, reads the reply's own text and stores it; says what happened. */
export async function receiveReply(
  message: ForwardableEmailMessage,
  env: Env,
  now = Date.now(),
): Promise<InboundOutcome> {
  const automatic = automaticMail(message);
  if (automatic) return { ok: true, kind: "ignored", why: automatic };
  const token = message.to
    .split(",")
    .map(replyTokenOf)
    .find((t) => t !== null);
  if (!token) return refuse("This address does not take mail: it is not a Trellis reply address.");
  const verified = await verifyReplyToken(signingKeys(env), token, now);
  if (!verified.ok) {
    return refuse(
      verified.problem === "expired"
        ? "This reply address has expired. Open Trellis to write in your pairing there."
        : "This reply address is not valid (it may have been mistyped or changed). Reply to the email Trellis sent you, or write on Trellis.",
    );
  }
  const { u: personId, s: subject } = verified.claims;

  const person = await mailContactOf(env, personId);
  if (!person) return refuse("This reply address belongs to an account that no longer exists.");
  if (bareAddress(message.from).toLowerCase() !== person.email.trim().toLowerCase()) {
    return refuse(
      "This reply address only takes mail from the address Trellis sent it to. Reply from that address, or write on Trellis.",
    );
  }
  if (message.rawSize > INBOUND_RAW_MAX) {
    return refuse(
      `Your reply is too large (${(message.rawSize / 1024 / 1024).toFixed(1)} MB; at most ${INBOUND_RAW_MAX / 1024 / 1024} MB). Attachments are not kept: send the text alone.`,
    );
  }

  let email: ParsedMessage;
  try {
    email = parseMail(new Uint8Array(await new Response(message.raw).arrayBuffer()));
  } catch {
    return refuse("Your reply could not be read as an email message, so nothing was posted.");
  }

  const colon = subject.indexOf(":");
  const kind = subject.slice(0, colon);
  const id = subject.slice(colon + 1);
  const text = replyText(email.body, kind === "checkin" ? COMMENT_MAX : MESSAGE_MAX);
  if (!text.ok) return refuse(text.error);

  if (kind === "pairing") {
    const messageKey =
      email.headers["message-id"]?.[0]?.trim() ||
      message.headers.get("Message-ID")?.trim() ||
      `${message.from}\n${email.headers.date?.[0] ?? ""}\n${email.subject ?? ""}\n${text.text}`;
    const clientId = `mail-${(await sha256Hex(messageKey)).slice(0, 24)}`;
    const posted = await roomOf(env, id).postMessage({ kind: "member", personId }, clientId, text.text);
    if (!posted.ok) {
      // The chat's own words for a rate limit promise that the text is kept, which holds on a page but not here.
      const why =
        posted.status === 429
          ? "you are sending messages faster than the chat allows. Wait a minute and send it again."
          : posted.error;
      return refuse(`Your reply was not posted: ${why}`);
    }
    return {
      ok: true,
      kind: "chat",
      pairingId: id,
      seq: posted.value.message.seq,
      duplicate: posted.value.duplicate,
      truncated: text.truncated,
    };
  }
  if (kind === "checkin") {
    const saved = await commentOnCheckin(env, { checkinId: id, personId, comment: text.text, now });
    if (!saved.ok) return refuse(`Your reply was not saved with the check-in: ${saved.error}`);
    return { ok: true, kind: "checkin", checkinId: id, truncated: text.truncated };
  }
  return refuse("This reply address is not valid: it is about nothing Trellis knows.");
}

const refuse = (reason: string): InboundOutcome => ({ ok: false, reason });

/** The address in an envelope sender ("a@b", "<a@b>" or "Name <a@b>"). */
function bareAddress(from: string): string {
  return (/<([^<>]*)>\s*$/.exec(from)?.[1] ?? from).trim();
}

/** A reason as an SMTP reply can carry it: one line of printable ASCII, not too long. */
export function smtpText(reason: string): string {
  const ascii = reason
    .replace(/[‘’]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[–—]/g, "-")
    .replace(/…/g, "...")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return ascii.length > 400 ? `${ascii.slice(0, 397)}...` : ascii;
}
