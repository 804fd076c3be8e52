/** The room's chat table: storing a message once per client id, pages of history, and read positions. */
import { PAGE_SIZE } from "../domain/room/chat";
import type { ChatMessage, ChatPage } from "../domain/room/types";

type MessageRow = {
  seq: number;
  client_id: string;
  author_id: string | null;
  source: string;
  body: string;
  created_at: number;
};

const COLUMNS = "seq, client_id, author_id, source, body, created_at";

const toMessage = (r: MessageRow): ChatMessage => ({
  seq: r.seq,
  clientId: r.client_id,
  authorId: r.author_id,
  source: r.source,
  body: r.body,
  createdAt: r.created_at,
});

/** The message a writer already sent with this client id, if any (a resend). */
export function findSent(sql: SqlStorage, authorKey: string, clientId: string): ChatMessage | null {
  const row = sql
    .exec<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE author_key = ? AND client_id = ?`, authorKey, clientId)
    .toArray()[0];
  return row ? toMessage(row) : null;
}

/** Stores a message and returns it with its sequence number. */
export function insertMessage(
  sql: SqlStorage,
  m: { authorKey: string; clientId: string; authorId: string | null; source: string; body: string; now: number },
): ChatMessage {
  const row = sql
    .exec<MessageRow>(
      `INSERT INTO messages (author_key, client_id, author_id, source, body, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      m.authorKey,
      m.clientId,
      m.authorId,
      m.source,
      m.body,
      m.now,
    )
    .one();
  if (m.authorId)
    sql.exec(
      "UPDATE members SET message_count = message_count + 1, last_read_seq = max(last_read_seq, ?) WHERE person_id = ?",
      row.seq,
      m.authorId,
    );
  return toMessage(row);
}

/** When a member's newest messages since `since` were sent, at most `limit` of them (all the rate limit needs). */
export function recentSendTimes(sql: SqlStorage, authorKey: string, since: number, limit: number): number[] {
  return sql
    .exec<{ created_at: number }>(
      "SELECT created_at FROM messages WHERE author_key = ? AND created_at > ? ORDER BY created_at DESC LIMIT ?",
      authorKey,
      since,
      limit,
    )
    .toArray()
    .map((r) => r.created_at);
}

/** The newest page of messages, or the page before `before`, oldest first. */
export function pageOf(sql: SqlStorage, before: number | null): ChatPage {
  const rows = sql
    .exec<MessageRow>(
      `SELECT ${COLUMNS} FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
      before ?? Number.MAX_SAFE_INTEGER,
      PAGE_SIZE + 1,
    )
    .toArray();
  const hasEarlier = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE).reverse().map(toMessage);
  return { messages: page, earlierBefore: hasEarlier && page[0] ? page[0].seq : null, lastSeq: lastSeq(sql) };
}

/** Messages after `after` (at most one page, oldest first): what a polling page has not seen yet. */
export function messagesAfter(sql: SqlStorage, after: number): ChatMessage[] {
  return sql
    .exec<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ?`, after, PAGE_SIZE)
    .toArray()
    .map(toMessage);
}

/** The newest message's sequence number (0 without messages). */
export function lastSeq(sql: SqlStorage): number {
  return sql.exec<{ s: number }>("SELECT coalesce(max(seq), 0) AS s FROM messages").one().s;
}

/** Records that a member has read up to `seq`; returns whether that changed anything. */
export function markRead(sql: SqlStorage, personId: string, seq: number): boolean {
  return (
    sql.exec("UPDATE members SET last_read_seq = ? WHERE person_id = ? AND last_read_seq < ?", seq, personId, seq)
      .rowsWritten > 0
  );
}
