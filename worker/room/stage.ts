/**
 * Where the pairing stands: its stage (through the stage machine in worker/domain/room/stages.ts), its risk flag, and
 * the journey that drives it.
 */
import {
  changeStage as nextStage,
  isFinal,
  type Stage,
  type StageAction,
  type StageActor,
  type StageState,
} from "../domain/room/stages";
import { msg } from "../domain/i18n/translate";
import { SIGNED_BY_ALL_REASON } from "../domain/room/agreement";
import { systemNote } from "./chat";
import { queueJourneyEvent, queueStageChange } from "./projection-outbox";
import type { Caller } from "./room-access";
import { nameOf, ok, type RoomContext, recordActivity, refuse } from "./room-context";
import { currentStage, getNumber, getState, setState } from "./room-state";
import type { RoomResult } from "../domain/room/types";
import { summary, unprojected, write } from "./write-path";

/** The stage and where a paused pairing returns to, as the stage machine needs them. */
export function stageState(room: RoomContext): StageState {
  return { stage: currentStage(room.sql), pausedFrom: (getState(room.sql, "paused_from") as Stage | null) ?? null };
}

/** Moves the pairing to another stage, if the stage machine allows it for this caller. */
export function changeStage(
  room: RoomContext,
  who: Caller,
  action: StageAction,
  reason = "",
): Promise<RoomResult<{ stage: Stage }>> {
  return write(room, () => {
    const changed = applyStage(room, action, who.kind, who.id, reason);
    return changed.ok ? summary({ stage: changed.value }) : changed;
  });
}

/** Applies a stage change inside the caller's write: state, history, outbox and a line in the chat. */
export function applyStage(
  room: RoomContext,
  action: StageAction,
  kind: StageActor,
  actorId: string,
  reason: string,
): RoomResult<Stage> {
  const change = nextStage(stageState(room), action, kind, reason);
  if (!change.ok) return { ...refuse(409, change.error), message: change.message };
  const { sql } = room;
  const now = room.now();
  const why = reason.trim();
  setState(sql, "stage", change.to);
  setState(sql, "paused_from", change.state.pausedFrom);
  setState(sql, "stage_reason", change.to === "paused" || change.to === "ended_early" ? why : "");
  if (isFinal(change.to)) setState(sql, "ended_at", now);
  queueJourneyEvent(
    sql,
    "stage-changed",
    { from: change.from, to: change.to },
    `stage:${change.from}:${change.to}:${now}`,
  );
  const seq = sql
    .exec<{ seq: number }>(
      "INSERT INTO stage_changes (from_stage, to_stage, reason, actor, at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
      change.from,
      change.to,
      why,
      actorId,
      now,
    )
    .one().seq;
  queueStageChange(sql, {
    pairingId: room.pairingId,
    seq,
    from: change.from,
    to: change.to,
    reason: why,
    actor: actorId,
    at: now,
  });
  if (kind !== "journey" || action !== "activate") recordActivity(room, now);
  // Stored as a message id with its values, so each member reads the line in their own language.
  const values = {
    actor: kind,
    name: kind === "member" ? nameOf(room, actorId) : "",
    from: change.from,
    to: change.to,
  };
  const line =
    why === SIGNED_BY_ALL_REASON
      ? msg("room.line.signedByAll")
      : why
        ? msg("room.line.stageMovedWhy", { ...values, reason: why })
        : msg("room.line.stageMoved", values);
  systemNote(room, line, `stage-${seq}-0000`, now);
  return ok(change.to);
}

/** Flags the pairing at risk with a reason, or clears the flag (null); the journey and coordinators do this. */
export function setRisk(
  room: RoomContext,
  who: Caller,
  reason: string | null,
): Promise<RoomResult<{ reason: string | null }>> {
  // Never shown to a person: no page lets a member flag a pairing.
  if (who.kind === "member") return Promise.resolve(refuse(403, "Only the journey and coordinators flag pairings."));
  return write(room, () => {
    setRiskFlag(room, reason, room.now());
    return summary({ reason });
  });
}

/** Sets or clears the risk flag inside the caller's write (keeping since when it has been raised). */
export function setRiskFlag(room: RoomContext, reason: string | null, now: number): void {
  const had = getState(room.sql, "risk_reason");
  setState(room.sql, "risk_reason", reason);
  setState(room.sql, "risk_since", reason ? (had ? (getNumber(room.sql, "risk_since") ?? now) : now) : null);
}

/** The journey introduces itself: from now on the room sends it events. Answers where the pairing stands. */
export function attachJourney(
  room: RoomContext,
  _who: Caller,
): Promise<RoomResult<{ stage: Stage; createdAt: number }>> {
  return write(room, () => {
    setState(room.sql, "journey", "1");
    return unprojected({ stage: currentStage(room.sql), createdAt: getNumber(room.sql, "created_at") ?? room.now() });
  });
}
