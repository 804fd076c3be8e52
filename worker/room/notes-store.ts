/**
 * The room's shared notes table; every save names the version it started from, so no one overwrites a change unseen.
 */
import type { Note } from "../domain/room/types";

type NoteRow = {
  id: string;
  title: string;
  body: string;
  version: number;
  updated_by: string;
  updated_at: number;
};

const toNote = (r: NoteRow): Note => ({
  id: r.id,
  title: r.title,
  body: r.body,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/**
 * All notes, most recently changed first, each with only the first 200 characters of its body (a preview for lists).
 */
export function listNotes(sql: SqlStorage): Note[] {
  return sql
    .exec<NoteRow>(
      "SELECT id, title, substr(body, 1, 200) AS body, version, updated_by, updated_at FROM notes ORDER BY updated_at DESC, id",
    )
    .toArray()
    .map(toNote);
}

/** One note, or null. */
export function getNote(sql: SqlStorage, id: string): Note | null {
  const row = sql
    .exec<NoteRow>("SELECT id, title, body, version, updated_by, updated_at FROM notes WHERE id = ?", id)
    .toArray()[0];
  return row ? toNote(row) : null;
}

/** Adds a note at version 1. */
export function insertNote(
  sql: SqlStorage,
  id: string,
  n: { title: string; body: string },
  personId: string,
  now: number,
): void {
  sql.exec(
    "INSERT INTO notes (id, title, body, version, created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
    id,
    n.title,
    n.body,
    personId,
    personId,
    now,
    now,
  );
}

/** Saves a note if it is still at `baseVersion`; returns whether it was saved. */
export function updateNote(
  sql: SqlStorage,
  id: string,
  n: { title: string; body: string },
  baseVersion: number,
  personId: string,
  now: number,
): boolean {
  return (
    sql.exec(
      "UPDATE notes SET title = ?, body = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?",
      n.title,
      n.body,
      personId,
      now,
      id,
      baseVersion,
    ).rowsWritten > 0
  );
}

/** Removes a note; returns whether it existed. */
export function deleteNote(sql: SqlStorage, id: string): boolean {
  return sql.exec("DELETE FROM notes WHERE id = ?", id).rowsWritten > 0;
}
