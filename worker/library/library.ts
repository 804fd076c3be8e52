/**
 * The program library in D1 (tables `library_items`, `library_opens`) and a file item's bytes in R2 (`FILES`, under
 * `libraryFileKey`): coordinators add, edit and remove items (audited); pairings read them with their stage and
 * members' tags; opening one counts the pairing once; the journey's check-in mail names the milestone's first item.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { libraryItems, libraryOpens, pairingMembers, pairings, people } from "../db/schema";
import { contentTypeOf } from "../domain/files/file-kinds";
import { type LibraryFields, type LibraryItem, type LibraryMilestone, libraryFileKey } from "../domain/library/library";
import type { Upload } from "../domain/files/upload";
import { newId } from "../domain/random-secrets";

const FIELDS = {
  id: libraryItems.id,
  title: libraryItems.title,
  url: libraryItems.url,
  body: libraryItems.body,
  milestone: libraryItems.milestone,
  tags: libraryItems.tags,
  fileName: libraryItems.fileName,
  fileKind: libraryItems.fileKind,
  fileSize: libraryItems.fileSize,
};

type Row = { fileName: string | null; fileKind: string | null; fileSize: number | null } & Omit<LibraryItem, "file">;

/** A row as pages show it (the file's three columns as one `file`). */
function toItem({ fileName, fileKind, fileSize, ...rest }: Row): LibraryItem {
  return { ...rest, file: fileName && fileKind ? { name: fileName, kind: fileKind, size: fileSize ?? 0 } : null };
}

/** A file's columns (or their clearing). */
const fileColumns = (file: Upload | null | undefined) =>
  file === undefined
    ? {}
    : { fileName: file?.name ?? null, fileKind: file?.kind ?? null, fileSize: file?.size ?? null };

/** Puts a file's bytes in R2, with the type it is served as. */
const putFile = (env: Env, key: string, file: Upload) =>
  env.FILES.put(key, file.bytes, { httpMetadata: { contentType: contentTypeOf(file.kind) } });

/**
 * Adds an item (with its file, if any) and logs it, in one batch. R2 and D1 share no transaction: the bytes go first
 * and are deleted again if the row is refused.
 */
export async function addLibraryItem(
  env: Env,
  programId: string,
  actorId: string,
  item: LibraryFields,
  file?: Upload | null,
) {
  const d = db(env);
  const id = newId();
  const key = libraryFileKey(programId, id);
  if (file) await putFile(env, key, file);
  try {
    await d.batch([
      d
        .insert(libraryItems)
        .values({ id, programId, ...item, ...fileColumns(file ?? null), createdBy: actorId, createdAt: Date.now() }),
      auditInsert(d, {
        programId,
        actorId,
        action: "library.add",
        subjectId: id,
      }),
    ]);
  } catch (err) {
    if (file) await env.FILES.delete(key);
    throw err;
  }
  return id;
}

/** One item of the program (for its edit form and the coordinators' download), or null. */
export async function libraryItemOf(env: Env, programId: string, itemId: string): Promise<LibraryItem | null> {
  const row = await db(env)
    .select(FIELDS)
    .from(libraryItems)
    .where(and(eq(libraryItems.id, itemId), eq(libraryItems.programId, programId)))
    .get();
  return row ? toItem(row) : null;
}

/**
 * Saves an edited item of the program and logs which fields changed; a new file replaces the old one's bytes, `null`
 * removes the file (its bytes deleted after the row no longer names them). False when the program has no such item.
 */
export async function updateLibraryItem(
  env: Env,
  programId: string,
  actorId: string,
  itemId: string,
  item: LibraryFields,
  file?: Upload | null,
): Promise<boolean> {
  const before = await libraryItemOf(env, programId, itemId);
  if (!before) return false;
  const changed = (Object.keys(item) as (keyof LibraryFields)[]).filter(
    (k) => JSON.stringify(item[k]) !== JSON.stringify(before[k]),
  );
  const dropped = file === null && before.file !== null;
  if (file || dropped) changed.push("file" as keyof LibraryFields);
  if (file) await putFile(env, libraryFileKey(programId, itemId), file);
  const d = db(env);
  await d.batch([
    d
      .update(libraryItems)
      .set({ ...item, ...fileColumns(file) })
      .where(and(eq(libraryItems.id, itemId), eq(libraryItems.programId, programId))),
    auditInsert(d, { programId, actorId, action: "library.edit", subjectId: itemId, detail: { fields: changed } }),
  ]);
  if (dropped) await env.FILES.delete(libraryFileKey(programId, itemId));
  return true;
}

/** Removes an item of the program (with its open counts and its file) and logs it; false when there was none. */
export async function removeLibraryItem(env: Env, programId: string, actorId: string, itemId: string) {
  const d = db(env);
  const gone = await d
    .delete(libraryItems)
    .where(and(eq(libraryItems.id, itemId), eq(libraryItems.programId, programId)))
    .returning({ id: libraryItems.id, fileName: libraryItems.fileName });
  if (!gone.length) return false;
  await auditInsert(d, { programId, actorId, action: "library.remove", subjectId: itemId });
  if (gone[0]!.fileName) await env.FILES.delete(libraryFileKey(programId, itemId));
  return true;
}

/** A file item's bytes, or null. */
export const libraryFile = (env: Env, programId: string, itemId: string) =>
  env.FILES.get(libraryFileKey(programId, itemId));

/** A program's items in milestone order, each with how many pairings opened it. */
export async function programLibrary(env: Env, programId: string): Promise<LibraryItem[]> {
  const rows = await db(env)
    .select({ ...FIELDS, opens: count(libraryOpens.pairingId) })
    .from(libraryItems)
    .leftJoin(libraryOpens, eq(libraryOpens.itemId, libraryItems.id))
    .where(eq(libraryItems.programId, programId))
    .groupBy(libraryItems.id)
    .orderBy(asc(libraryItems.createdAt));
  return rows.map(toItem);
}

/** A pairing's program's items, with its stage and its members' goals, expertise and interests (for "your goals"). */
export async function pairingLibrary(env: Env, pairingId: string) {
  const d = db(env);
  const [items, members] = await Promise.all([
    d
      .select(FIELDS)
      .from(libraryItems)
      .innerJoin(pairings, eq(pairings.programId, libraryItems.programId))
      .where(eq(pairings.id, pairingId))
      .orderBy(asc(libraryItems.createdAt)),
    d
      .select({ goals: people.goals, expertise: people.expertise, interests: people.interests })
      .from(pairingMembers)
      .innerJoin(people, eq(people.id, pairingMembers.personId))
      .where(eq(pairingMembers.pairingId, pairingId)),
  ]);
  return { items: items.map(toItem), tags: members.flatMap((m) => [...m.goals, ...m.expertise, ...m.interests]) };
}

/** An item of the pairing's program (and the program), counting the pairing's first open; null when it is not theirs. */
export async function openLibraryItem(
  env: Env,
  pairingId: string,
  itemId: string,
): Promise<(LibraryItem & { programId: string }) | null> {
  const d = db(env);
  const item = await d
    .select({ ...FIELDS, programId: libraryItems.programId })
    .from(libraryItems)
    .innerJoin(pairings, eq(pairings.programId, libraryItems.programId))
    .where(and(eq(pairings.id, pairingId), eq(libraryItems.id, itemId)))
    .get();
  if (item) await d.insert(libraryOpens).values({ itemId, pairingId, openedAt: Date.now() }).onConflictDoNothing();
  return item ? { ...toItem(item), programId: item.programId } : null;
}

/** The first item of a milestone in a pairing's program (the journey's mail names it), or null. */
export async function milestoneItem(env: Env, pairingId: string, milestone: LibraryMilestone) {
  return (
    (await db(env)
      .select({ id: libraryItems.id, title: libraryItems.title })
      .from(libraryItems)
      .innerJoin(pairings, eq(pairings.programId, libraryItems.programId))
      .where(and(eq(pairings.id, pairingId), eq(libraryItems.milestone, milestone)))
      .orderBy(asc(libraryItems.createdAt))
      .get()) ?? null
  );
}
