/** The overview a member sees on the pairing's page: stage, members, agreement, unread count and content counts. */
import { availableActions, type Stage } from "../domain/room/stages";
import { currentAgreement } from "./agreement-store";
import { unreadFor } from "./projection-snapshot";
import type { Caller } from "./room-access";
import { ok, type RoomContext } from "./room-context";
import { currentStage, getNumber, getState, membersOf } from "./room-state";
import type { RoomOverview, RoomResult } from "../domain/room/types";
import { stageState } from "./stage";

/** Counts the rows of one of the room's content tables. */
function count(sql: SqlStorage, table: "goals" | "notes" | "resources" | "messages"): number {
  return sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
}

/** The overview for one member. */
export function overview(room: RoomContext, who: Caller): RoomResult<RoomOverview> {
  const { sql } = room;
  const members = membersOf(sql);
  const agreement = currentAgreement(
    sql,
    members.map((m) => m.personId),
  );
  const lastRead = sql
    .exec<{ r: number }>("SELECT last_read_seq AS r FROM members WHERE person_id = ?", who.id)
    .one().r;
  return ok({
    pairingId: room.pairingId,
    programId: getState(sql, "program_id") ?? "",
    stage: currentStage(sql),
    pausedFrom: (getState(sql, "paused_from") as Stage | null) ?? null,
    stageReason: getState(sql, "stage_reason") ?? "",
    members,
    actions: availableActions(stageState(room), "member"),
    agreement: {
      version: agreement.version,
      signedBy: agreement.signatures.map((s) => s.personId),
      signedByAll: agreement.signedByAll,
      shared: agreement.sharedWithCoordinators,
    },
    unread: unreadFor(sql, who.id, lastRead),
    lastActivityAt: getNumber(sql, "last_activity_at"),
    counts: {
      goals: count(sql, "goals"),
      notes: count(sql, "notes"),
      resources: count(sql, "resources"),
      messages: count(sql, "messages"),
    },
  });
}
