/**
 * Chat by mail, the room's side: who has unread messages and when their quiet period ends. A member's message starts
 * (or restarts) every other member's quiet period; when it ends, the alarm mails each of them the member messages they
 * have neither read nor been mailed — once, inside their contact hours (outside them, it asks again when their window
 * opens, so what they read in the browser meanwhile is never mailed). Table `chat_mail` (room-schema.ts).
 */
import { CHAT_MAIL_QUIET_MS, type QuotedMessage } from "../domain/chat-mail";
import { mailUnreadChat } from "../mail/chat-mail";
import { logEvent, scrubbedMessage } from "../observability/log";
import { displayNames, type RoomContext } from "./room-context";
import { markRead } from "./chat-store";
import { isMember, membersOf } from "./room-state";

/** How long a mail that could not be written waits before it is tried again. */
const RETRY_MS = 60_000;
/** Most unread messages read for one mail (the mail quotes the newest of them). */
const READ_LIMIT = 500;

/**
 * After a member's message (inside its write): a member with the chat open (a live socket, which is sent the message
 * at once) has read it; every other member but the author starts, or starts again, their quiet period.
 */
export function startQuietPeriod(room: RoomContext, authorId: string, seq: number, now: number): void {
  for (const m of membersOf(room.sql)) {
    if (m.personId === authorId) continue;
    if (room.state.getWebSockets(m.personId).length > 0) markRead(room.sql, m.personId, seq);
    else
      room.sql.exec(
        `INSERT INTO chat_mail (person_id, due_at) VALUES (?1, ?2)
         ON CONFLICT (person_id) DO UPDATE SET due_at = excluded.due_at`,
        m.personId,
        now + CHAT_MAIL_QUIET_MS,
      );
  }
}

/** The members' messages a person has neither read nor been mailed, oldest first (at most READ_LIMIT, the newest). */
function unmailed(sql: SqlStorage, personId: string, mailedSeq: number) {
  return sql
    .exec<{ seq: number; author_id: string; body: string; created_at: number }>(
      `SELECT seq, author_id, body, created_at FROM messages
       WHERE source = 'member' AND author_id <> ?1
         AND seq > max(?2, (SELECT last_read_seq FROM members WHERE person_id = ?1))
       ORDER BY seq DESC LIMIT ?3`,
      personId,
      mailedSeq,
      READ_LIMIT,
    )
    .toArray()
    .reverse();
}

/**
 * Mails every member whose quiet period has ended (see the file's comment); returns when the next one ends, or null.
 * A message that arrives while a mail is written starts a new quiet period, which this leaves in place.
 */
export async function sendDueChatMail(room: RoomContext, now: number): Promise<number | null> {
  const { sql } = room;
  const due = sql
    .exec<{ person_id: string; due_at: number; mailed_seq: number }>(
      "SELECT person_id, due_at, mailed_seq FROM chat_mail WHERE due_at IS NOT NULL AND due_at <= ?",
      now,
    )
    .toArray();
  for (const row of due) {
    const personId = row.person_id;
    const stillDue = (at: number | null) =>
      sql.exec("UPDATE chat_mail SET due_at = ?1 WHERE person_id = ?2 AND due_at = ?3", at, personId, row.due_at);
    const messages = isMember(sql, personId) ? unmailed(sql, personId, row.mailed_seq) : [];
    if (messages.length === 0) {
      stillDue(null);
      continue;
    }
    const names = await displayNames(room);
    const quoted: QuotedMessage[] = messages.map((m) => ({
      author: names[m.author_id] ?? "Your partner",
      body: m.body,
      at: m.created_at,
    }));
    const lastSeq = messages.at(-1)!.seq;
    try {
      const outcome = await mailUnreadChat(
        room.env,
        { pairingId: room.pairingId, personId, messages: quoted, lastSeq },
        now,
      );
      if (outcome === null) stillDue(null);
      else if (!outcome.sent) stillDue(outcome.at);
      else
        sql.exec(
          "UPDATE chat_mail SET mailed_seq = max(mailed_seq, ?1), due_at = CASE WHEN due_at = ?2 THEN NULL ELSE due_at END WHERE person_id = ?3",
          lastSeq,
          row.due_at,
          personId,
        );
    } catch (err) {
      logEvent({
        event: "room.chat-mail",
        level: "warn",
        pairingId: room.pairingId,
        outcome: "retry",
        error: scrubbedMessage(err instanceof Error ? err.message : String(err)),
      });
      stillDue(now + RETRY_MS);
    }
  }
  return nextChatMailAt(sql);
}

/** When the next quiet period ends, or null. */
export function nextChatMailAt(sql: SqlStorage): number | null {
  return sql.exec<{ t: number | null }>("SELECT min(due_at) AS t FROM chat_mail").one().t;
}
