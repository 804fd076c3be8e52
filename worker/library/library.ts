/**
 * The program library in D1 (tables `library_items`, `library_opens`): coordinators add and remove items (audited);
 * pairings read them with their stage and members' tags; opening one counts the pairing once; the journey's check-in
 * mail names the milestone's first item.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { libraryItems, libraryOpens, pairingMembers, pairings, people } from "../db/schema";
import type { LibraryItem, LibraryMilestone } from "../domain/library/library";
import { newId } from "../domain/random-secrets";

const FIELDS = {
  id: libraryItems.id,
  title: libraryItems.title,
  url: libraryItems.url,
  body: libraryItems.body,
  milestone: libraryItems.milestone,
  tags: libraryItems.tags,
};

/** Adds an item and logs it, in one batch. */
export async function addLibraryItem(env: Env, programId: string, actorId: string, item: Omit<LibraryItem, "id">) {
  const d = db(env);
  const id = newId();
  await d.batch([
    d.insert(libraryItems).values({ id, programId, ...item, createdBy: actorId, createdAt: Date.now() }),
    auditInsert(d, { programId, actorId, action: "library.add", subjectId: id }),
  ]);
  return id;
}

/** Removes an item of the program (with its open counts) and logs it; false when there was none. */
export async function removeLibraryItem(env: Env, programId: string, actorId: string, itemId: string) {
  const d = db(env);
  const gone = await d
    .delete(libraryItems)
    .where(and(eq(libraryItems.id, itemId), eq(libraryItems.programId, programId)))
    .returning({ id: libraryItems.id });
  if (gone.length) await auditInsert(d, { programId, actorId, action: "library.remove", subjectId: itemId });
  return gone.length > 0;
}

/** A program's items in milestone order, each with how many pairings opened it. */
export async function programLibrary(env: Env, programId: string): Promise<LibraryItem[]> {
  return db(env)
    .select({ ...FIELDS, opens: count(libraryOpens.pairingId) })
    .from(libraryItems)
    .leftJoin(libraryOpens, eq(libraryOpens.itemId, libraryItems.id))
    .where(eq(libraryItems.programId, programId))
    .groupBy(libraryItems.id)
    .orderBy(asc(libraryItems.createdAt));
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
  return { items, tags: members.flatMap((m) => [...m.goals, ...m.expertise, ...m.interests]) };
}

/** An item of the pairing's program, counting the pairing's first open; null when it is not theirs. */
export async function openLibraryItem(env: Env, pairingId: string, itemId: string): Promise<LibraryItem | null> {
  const d = db(env);
  const item = await d
    .select(FIELDS)
    .from(libraryItems)
    .innerJoin(pairings, eq(pairings.programId, libraryItems.programId))
    .where(and(eq(pairings.id, pairingId), eq(libraryItems.id, itemId)))
    .get();
  if (item) await d.insert(libraryOpens).values({ itemId, pairingId, openedAt: Date.now() }).onConflictDoNothing();
  return item ?? null;
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
