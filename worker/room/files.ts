/**
 * A pairing's shared files: members upload, list, download (the route reads the bytes from R2 once this allowed it),
 * comment on and remove them. The room is their single writer: it stores the bytes in the FILES bucket under
 * `pairings/<pairing id>/files/<file id>` and what they are in its own SQLite (files-store.ts), so coordinators, who
 * never read a room's content, cannot list or reach them. Refusals carry message ids (resources catalog).
 */
import {
  cleanFileName,
  contentTypeOf,
  FILE_LIMITS,
  PROBLEM_MESSAGES,
  SNIFF_BYTES,
  sniffFile,
} from "../domain/files/file-kinds";
import type { FileComment, SharedFile } from "../domain/files/types";
import { newId } from "../domain/random-secrets";
import type { RoomResult } from "../domain/room/types";
import {
  countFiles,
  deleteFile,
  getFile,
  insertComment,
  insertFile,
  keysToPurge,
  listComments,
  listFiles,
  purged,
} from "./files-store";
import type { Caller } from "./room-access";
import { ok, type RoomContext, recordActivity, refuse } from "./room-context";
import { summary, write } from "./write-path";

/** The pairing's files, newest first. */
export function files(room: RoomContext, _who: Caller): RoomResult<SharedFile[]> {
  return ok(listFiles(room.sql));
}

/** One file, its comments, and where its bytes are (for the download route, after this check). */
export function file(
  room: RoomContext,
  _who: Caller,
  fileId: string,
): RoomResult<{ file: SharedFile; comments: FileComment[]; r2Key: string; contentType: string }> {
  const found = getFile(room.sql, fileId);
  if (!found) return refuse(404, "files.error.gone");
  const { r2Key, ...shared } = found;
  return ok({ file: shared, comments: listComments(room.sql, fileId), r2Key, contentType: contentTypeOf(found.kind) });
}

/**
 * Shares a file: checked again here (size, name, first bytes), its bytes put in R2, then recorded; when the record is
 * refused the bytes are deleted again. `note` is the member's word about it.
 */
export async function addFile(
  room: RoomContext,
  who: Caller,
  upload: { name: string; note: string; bytes: ArrayBuffer },
): Promise<RoomResult<{ id: string }>> {
  const name = cleanFileName(upload.name);
  const note = upload.note.trim();
  if (note.length > FILE_LIMITS.note) return refuse(422, "files.error.fix", { note: "files.error.noteLong" });
  const sniffed = sniffFile(
    name,
    upload.bytes.byteLength,
    new Uint8Array(upload.bytes, 0, Math.min(SNIFF_BYTES, upload.bytes.byteLength)),
  );
  if ("problem" in sniffed) return refuse(422, "files.error.fix", { file: PROBLEM_MESSAGES[sniffed.problem] });
  if (countFiles(room.sql) >= FILE_LIMITS.count) return refuse(422, "files.error.tooMany");
  const id = newId();
  const r2Key = `pairings/${room.pairingId}/files/${id}`;
  await room.env.FILES.put(r2Key, upload.bytes, { httpMetadata: { contentType: contentTypeOf(sniffed.kind) } });
  const result = await write(room, () => {
    if (countFiles(room.sql) >= FILE_LIMITS.count) return refuse(422, "files.error.tooMany");
    insertFile(
      room.sql,
      { id, name, kind: sniffed.kind, size: upload.bytes.byteLength, note, r2Key },
      who.id,
      room.now(),
    );
    recordActivity(room, room.now());
    return summary({ id });
  });
  if (!result.ok) await room.env.FILES.delete(r2Key);
  return result;
}

/** Removes a file (only the member who shared it), with its comments; its bytes leave R2 at once. */
export async function removeFile(room: RoomContext, who: Caller, fileId: string): Promise<RoomResult<{ id: string }>> {
  const result = await write(room, () => {
    const found = getFile(room.sql, fileId);
    if (!found) return refuse(404, "files.error.gone");
    if (found.addedBy !== who.id) return refuse(403, "files.error.notYours");
    deleteFile(room.sql, fileId);
    recordActivity(room, room.now());
    return summary({ id: fileId });
  });
  if (result.ok) await purgeFiles(room);
  return result;
}

/** Adds a plain-text comment to a file. */
export function commentOnFile(
  room: RoomContext,
  who: Caller,
  fileId: string,
  text: string,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    const body = text.trim();
    if (!body) return refuse(422, "files.error.fix", { body: "files.error.commentEmpty" });
    if (body.length > FILE_LIMITS.comment) return refuse(422, "files.error.fix", { body: "files.error.commentLong" });
    if (!getFile(room.sql, fileId)) return refuse(404, "files.error.gone");
    const id = newId();
    insertComment(room.sql, id, fileId, who.id, body, room.now());
    recordActivity(room, room.now());
    return summary({ id });
  });
}

/**
 * Deletes from R2 the bytes of files that were removed or forgotten (queued in `file_purge` by the same transaction);
 * a failure leaves them queued for the next removal or deletion of data in this room.
 */
export async function purgeFiles(room: RoomContext): Promise<void> {
  const keys = keysToPurge(room.sql);
  if (!keys.length) return;
  await room.env.FILES.delete(keys);
  purged(room.sql, keys);
}
