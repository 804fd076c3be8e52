/** When a person wants meeting reminders (the `meeting_reminder_prefs` table): reading and saving their choice. */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { meetingReminderPrefs } from "../db/schema";
import { DEFAULT_REMINDER_LEAD, isReminderLead } from "../domain/meeting-mail";

/** Minutes before each meeting the person's reminder goes (0: none); the default without a choice. */
export async function reminderLeadOf(env: Env, personId: string): Promise<number> {
  const row = await db(env)
    .select({ lead: meetingReminderPrefs.leadMinutes })
    .from(meetingReminderPrefs)
    .where(eq(meetingReminderPrefs.personId, personId))
    .get();
  return row?.lead ?? DEFAULT_REMINDER_LEAD;
}

/** Saves the person's choice; false (nothing saved) for a time the settings do not offer. */
export async function saveReminderLead(env: Env, personId: string, minutes: number): Promise<boolean> {
  if (!isReminderLead(minutes)) return false;
  await db(env)
    .insert(meetingReminderPrefs)
    .values({ personId, leadMinutes: minutes })
    .onConflictDoUpdate({ target: meetingReminderPrefs.personId, set: { leadMinutes: minutes } });
  return true;
}
