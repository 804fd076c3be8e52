/**
 * The room's tables of shared files (`files`: what each is, `r2_key`: where its bytes are in the FILES bucket), their
 * comments (`file_comments`), and R2 objects waiting to be deleted (`file_purge`, emptied by `purgeFiles` in files.ts).
 */
import type { FileKind } from "../domain/files/file-kinds";
import type { FileComment, SharedFile } from "../domain/files/types";

type FileRow = {
  id: string;
  name: string;
  kind: string;
  size: number;
  note: string;
  added_by: string;
  added_at: number;
  comments: number;
};

const toFile = (r: FileRow): SharedFile => ({
  id: r.id,
  name: r.name,
  kind: r.kind as FileKind,
  size: r.size,
  note: r.note,
  addedBy: r.added_by,
  addedAt: r.added_at,
  comments: r.comments,
});

const SELECT =
  "SELECT f.id, f.name, f.kind, f.size, f.note, f.added_by, f.added_at, (SELECT count(*) FROM file_comments c WHERE c.file_id = f.id) AS comments FROM files f";

/** Every shared file, newest first. */
export function listFiles(sql: SqlStorage): SharedFile[] {
  return sql.exec<FileRow>(`${SELECT} ORDER BY f.added_at DESC, f.id`).toArray().map(toFile);
}

/** One shared file with the key of its bytes, or null. */
export function getFile(sql: SqlStorage, id: string): (SharedFile & { r2Key: string }) | null {
  const row = sql
    .exec<FileRow & { r2_key: string }>(`${SELECT.replace("f.id,", "f.id, f.r2_key,")} WHERE f.id = ?`, id)
    .toArray()[0];
  return row ? { ...toFile(row), r2Key: row.r2_key } : null;
}

/** How many files the pairing keeps. */
export const countFiles = (sql: SqlStorage): number =>
  sql.exec<{ n: number }>("SELECT count(*) AS n FROM files").one().n;

/** Records a file whose bytes are stored under `r2Key`. */
export function insertFile(
  sql: SqlStorage,
  f: { id: string; name: string; kind: FileKind; size: number; note: string; r2Key: string },
  personId: string,
  now: number,
): void {
  sql.exec(
    "INSERT INTO files (id, name, kind, size, note, r2_key, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    f.id,
    f.name,
    f.kind,
    f.size,
    f.note,
    f.r2Key,
    personId,
    now,
  );
}

/** Removes files (chosen by a WHERE clause on `files`) with their comments, queueing their bytes for deletion. */
function dropFiles(sql: SqlStorage, where: string, param: string): number {
  sql.exec(`INSERT OR IGNORE INTO file_purge (key) SELECT r2_key FROM files WHERE ${where}`, param);
  sql.exec(`DELETE FROM file_comments WHERE file_id IN (SELECT id FROM files WHERE ${where})`, param);
  return sql.exec(`DELETE FROM files WHERE ${where} RETURNING 1`, param).toArray().length;
}

/** Removes one file; returns whether it existed. */
export const deleteFile = (sql: SqlStorage, id: string): boolean => dropFiles(sql, "id = ?", id) > 0;

/** The comments on a file, oldest first. */
export function listComments(sql: SqlStorage, fileId: string): FileComment[] {
  return sql
    .exec<{ id: string; author_id: string; body: string; at: number }>(
      "SELECT id, author_id, body, at FROM file_comments WHERE file_id = ? ORDER BY at, id",
      fileId,
    )
    .toArray()
    .map((c) => ({ id: c.id, authorId: c.author_id, body: c.body, at: c.at }));
}

/** Adds a comment to a file. */
export function insertComment(
  sql: SqlStorage,
  id: string,
  fileId: string,
  personId: string,
  body: string,
  now: number,
) {
  sql.exec(
    "INSERT INTO file_comments (id, file_id, author_id, body, at) VALUES (?, ?, ?, ?, ?)",
    id,
    fileId,
    personId,
    body,
    now,
  );
}

/** The R2 keys waiting to be deleted (at most 1,000, R2's limit for one delete). */
export const keysToPurge = (sql: SqlStorage): string[] =>
  sql
    .exec<{ key: string }>("SELECT key FROM file_purge LIMIT 1000")
    .toArray()
    .map((r) => r.key);

/** Forgets keys whose objects are deleted. */
export function purged(sql: SqlStorage, keys: string[]): void {
  for (const key of keys) sql.exec("DELETE FROM file_purge WHERE key = ?", key);
}

/** Forgets a member's files (with every comment on them) and their comments on others' files; counts both. */
export function forgetFiles(sql: SqlStorage, personId: string): { files: number; fileComments: number } {
  const fileComments = sql.exec("DELETE FROM file_comments WHERE author_id = ? RETURNING 1", personId).toArray().length;
  return { files: dropFiles(sql, "added_by = ?", personId), fileComments };
}

/** A member's files (what they are, not their bytes) and comments, for their data download. */
export function exportFiles(sql: SqlStorage, personId: string) {
  return {
    files: sql
      .exec<{ id: string; name: string; size: number; note: string; added_at: number }>(
        "SELECT id, name, size, note, added_at FROM files WHERE added_by = ? ORDER BY added_at, id",
        personId,
      )
      .toArray()
      .map((f) => ({ id: f.id, name: f.name, size: f.size, note: f.note, addedAt: f.added_at })),
    fileComments: sql
      .exec<{ file_id: string; body: string; at: number }>(
        "SELECT file_id, body, at FROM file_comments WHERE author_id = ? ORDER BY at, id",
        personId,
      )
      .toArray()
      .map((c) => ({ fileId: c.file_id, body: c.body, at: c.at })),
  };
}
