/**
 * A member's requests about their own data in this room: downloading it, and deleting it (forgetting them). Only the
 * person themselves may ask. What is exported or forgotten is in member-data.ts.
 */
import { readIdentity } from "./d1-lookups";
import { purgeFiles } from "./files";
import {
  exportMemberData,
  type ForgetReport,
  forgetMemberData,
  LEFT_TRELLIS_REASON,
  type MemberExport,
} from "./member-data";
import { drainOutbox } from "./projection-outbox";
import type { Caller } from "./room-access";
import { ok, type RoomContext, refuse } from "./room-context";
import type { RoomResult } from "../domain/room/types";
import { applyStage } from "./stage";
import { summary, write } from "./write-path";

/** What this room holds that the member wrote or did, for their own data download (only they may ask). */
export function exportMember(room: RoomContext, who: Caller, personId: string): RoomResult<MemberExport> {
  if (who.kind !== "member" || who.id !== personId)
    return refuse(403, "Only the person themselves can download their data.");
  return ok(exportMemberData(room.sql, personId));
}

/**
 * Forgets a member who deleted their data (see `forgetMemberData` in member-data.ts), then projects the result to D1 at
 * once. Idempotent.
 */
export async function forgetMember(
  room: RoomContext,
  who: Caller,
  personId: string,
): Promise<RoomResult<ForgetReport>> {
  if (who.kind !== "member" || who.id !== personId)
    return refuse(403, "Only the person themselves can delete their data.");
  const identity = await readIdentity(room.env, personId);
  room.names = null;
  const report = await write(room, () =>
    summary(
      forgetMemberData(room.sql, personId, identity, () =>
        applyStage(room, "end", "member", personId, LEFT_TRELLIS_REASON),
      ),
    ),
  );
  room.names = null;
  await drainOutbox(room.sql, room.env);
  await purgeFiles(room);
  return report;
}
