/** The pairing room's own SQLite tables, created and upgraded in order when the room starts. */

/** Each entry upgrades the room's storage by one version; never edit one that has shipped, add a new one. */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS room_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE members (person_id TEXT PRIMARY KEY, role TEXT NOT NULL, last_read_seq INTEGER NOT NULL DEFAULT 0, message_count INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, author_key TEXT NOT NULL, client_id TEXT NOT NULL, author_id TEXT,
     source TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (author_key, client_id));
   CREATE INDEX messages_author_time ON messages (author_key, created_at);
   CREATE TABLE agreement_versions (version INTEGER PRIMARY KEY, terms TEXT NOT NULL, edited_by TEXT NOT NULL, edited_at INTEGER NOT NULL);
   CREATE TABLE signatures (person_id TEXT NOT NULL, version INTEGER NOT NULL, signed_at INTEGER NOT NULL, PRIMARY KEY (person_id, version));
   CREATE TABLE goals (id TEXT PRIMARY KEY, title TEXT NOT NULL, why TEXT NOT NULL, target_date TEXT, progress INTEGER NOT NULL,
     status TEXT NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE notes (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, version INTEGER NOT NULL, created_by TEXT NOT NULL,
     updated_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE resources (id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, note TEXT NOT NULL, added_by TEXT NOT NULL, added_at INTEGER NOT NULL);
   CREATE TABLE stage_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, reason TEXT NOT NULL,
     actor TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE TABLE outbox (key TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, version INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '')`,
  `CREATE TABLE meetings (id TEXT PRIMARY KEY, organizer_id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, location TEXT NOT NULL,
     video_url TEXT NOT NULL, time_zone TEXT NOT NULL, start_local TEXT NOT NULL, duration INTEGER NOT NULL, repeat TEXT NOT NULL, count INTEGER,
     until TEXT, status TEXT NOT NULL, sequence INTEGER NOT NULL, agenda TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE meeting_responses (meeting_id TEXT NOT NULL, person_id TEXT NOT NULL, response TEXT NOT NULL, at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, person_id));
   CREATE TABLE meeting_changes (meeting_id TEXT NOT NULL, recurrence_id TEXT NOT NULL, status TEXT NOT NULL, start_local TEXT, duration INTEGER,
     sequence INTEGER NOT NULL, PRIMARY KEY (meeting_id, recurrence_id));
   CREATE TABLE meeting_outcomes (meeting_id TEXT NOT NULL, recurrence_id TEXT NOT NULL, outcome TEXT NOT NULL, notes TEXT NOT NULL,
     recorded_by TEXT NOT NULL, recorded_at INTEGER NOT NULL, PRIMARY KEY (meeting_id, recurrence_id))`,
  `CREATE TABLE checkins (id TEXT PRIMARY KEY, milestone TEXT NOT NULL UNIQUE, opens_at INTEGER NOT NULL, closes_at INTEGER NOT NULL);
   CREATE TABLE checkin_answers (checkin_id TEXT NOT NULL, person_id TEXT NOT NULL, answer TEXT, comment TEXT NOT NULL DEFAULT '',
     answered_at INTEGER NOT NULL, PRIMARY KEY (checkin_id, person_id))`,
  // Who cancelled or moved an occurrence, and who cancelled a whole meeting, and when (the meetings list shows it).
  `ALTER TABLE meeting_changes ADD COLUMN changed_by TEXT;
   ALTER TABLE meeting_changes ADD COLUMN changed_at INTEGER;
   ALTER TABLE meetings ADD COLUMN cancelled_by TEXT;
   ALTER TABLE meetings ADD COLUMN cancelled_at INTEGER`,
  // Chat by mail: each member's quiet period and the last message mailed to them (chat-mail.ts); meeting mails waiting
  // to be written (meeting-mail.ts), and the reminders already sent, one per occurrence and member.
  `CREATE TABLE chat_mail (person_id TEXT PRIMARY KEY, due_at INTEGER, mailed_seq INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE mail_queue (key TEXT PRIMARY KEY, payload TEXT NOT NULL, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE meeting_reminders (meeting_id TEXT NOT NULL, recurrence_id TEXT NOT NULL, person_id TEXT NOT NULL,
     sent_at INTEGER NOT NULL, PRIMARY KEY (meeting_id, recurrence_id, person_id))`,
  // Files members share (their bytes in R2 under r2_key, files.ts), comments on them, and R2 objects left to delete.
  `CREATE TABLE files (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL, note TEXT NOT NULL,
     r2_key TEXT NOT NULL, added_by TEXT NOT NULL, added_at INTEGER NOT NULL);
   CREATE TABLE file_comments (id TEXT PRIMARY KEY, file_id TEXT NOT NULL, author_id TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX file_comments_file ON file_comments (file_id, at);
   CREATE TABLE file_purge (key TEXT PRIMARY KEY)`,
];

/** Brings the room's tables up to date (idempotent; runs inside the constructor's blockConcurrencyWhile). */
export function migrateRoom(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS room_schema (version INTEGER NOT NULL)");
  const row = sql.exec<{ version: number }>("SELECT version FROM room_schema").toArray()[0];
  let current = row?.version ?? 0;
  if (!row) sql.exec("INSERT INTO room_schema (version) VALUES (0)");
  for (; current < MIGRATIONS.length; current++) {
    sql.exec(MIGRATIONS[current]!);
    sql.exec("UPDATE room_schema SET version = ?", current + 1);
  }
}
