/** The pairing a meeting belongs to, from D1's projection (a meeting link names only the meeting). */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { meetings } from "../db/schema";

/** The meeting's pairing id, or null when D1 does not know the meeting. */
export async function pairingOfMeeting(env: Env, meetingId: string): Promise<string | null> {
  const row = await db(env)
    .select({ pairingId: meetings.pairingId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .get();
  return row?.pairingId ?? null;
}
