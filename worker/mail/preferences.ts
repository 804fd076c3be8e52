/**
 * A person's notification preferences (the `notification_prefs` table): reading, saving, and turning categories off.
 */
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type Db, db } from "../db/client";
import { notificationPrefs } from "../db/schema";
import { notificationCategories } from "../domain/vocabulary";
import { isCategory } from "../domain/notifications";
import { type NotificationCategory, type NotificationMode, notificationModes } from "../domain/notifications";
import { DIGEST_SUBJECT } from "./unsubscribe-links";

/** A person's mode for every category (immediate where they never chose). */
export async function preferencesOf(
  env: Env,
  personId: string,
): Promise<Record<NotificationCategory, NotificationMode>> {
  const rows = await db(env)
    .select({ category: notificationPrefs.category, mode: notificationPrefs.mode })
    .from(notificationPrefs)
    .where(eq(notificationPrefs.personId, personId));
  const out = Object.fromEntries(notificationCategories.map((c) => [c, "immediate"])) as Record<
    NotificationCategory,
    NotificationMode
  >;
  for (const r of rows) if (isCategory(r.category) && notificationModes.includes(r.mode)) out[r.category] = r.mode;
  return out;
}

/** The statement setting one of a person's preferences (inserting it, or changing the mode of the one there). */
function setPreference(d: Db, personId: string, category: NotificationCategory, mode: NotificationMode) {
  return d
    .insert(notificationPrefs)
    .values({ personId, category, mode })
    .onConflictDoUpdate({ target: [notificationPrefs.personId, notificationPrefs.category], set: { mode } });
}

/** Sets the modes of the given categories for a person, all in one batch (one transaction). */
export async function savePreferences(
  env: Env,
  personId: string,
  modes: Partial<Record<NotificationCategory, NotificationMode>>,
): Promise<void> {
  const d = db(env);
  const statements: BatchItem<"sqlite">[] = notificationCategories.flatMap((c) => {
    const mode = modes[c];
    return mode ? [setPreference(d, personId, c, mode)] : [];
  });
  if (statements.length) await d.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/**
 * Turns a category off for a person (an unsubscribe link), or, for DIGEST_SUBJECT, every category they get in the
 * weekly digest. Returns the categories now off because of it.
 */
export async function unsubscribe(env: Env, personId: string, subject: string): Promise<NotificationCategory[]> {
  const prefs = await preferencesOf(env, personId);
  const targets =
    subject === DIGEST_SUBJECT
      ? notificationCategories.filter((c) => prefs[c] === "digest")
      : isCategory(subject)
        ? [subject]
        : [];
  await savePreferences(env, personId, Object.fromEntries(targets.map((c) => [c, "off"])));
  return targets;
}
