/**
 * The room's one access check: every RPC names who may call it (an `Access`), and the room runs this check before the
 * call does anything. Opening the room (taking the pairing over from D1 the first time) is part of it: a room whose
 * pairing does not exist answers 404 to everyone.
 */
import { type RoomMessage, refusal, roomMessage } from "../domain/room/room-messages";
import { isFinal, type StageActor } from "../domain/room/stages";
import { isProgramCoordinator, readPairingSeed } from "./d1-lookups";
import { displayNames, ok, type RoomContext, refuse } from "./room-context";
import { currentStage, getState, isMember, storeSeed } from "./room-state";
import type { RoomActor, RoomResult } from "../domain/room/types";

/** Who may call an RPC. Coordinators are checked in D1 (those of the pairing's program); they never see content. */
export type Access =
  /** Only the pairing's members. */
  | "members"
  /** Members, while the pairing still takes changes (not closed or ended). */
  | "members-while-open"
  /** Members, or the pairing's journey. */
  | "members-or-journey"
  /** Members, or the program's coordinators. */
  | "members-or-coordinators"
  /** Members, the program's coordinators, or the journey. */
  | "members-coordinators-or-journey"
  /** Only the pairing's journey. */
  | "journey"
  /** Anyone, once the pairing exists (the call checks who is asking itself). */
  | "anyone";

/** Who passed the check: a member (their person id), a coordinator (theirs), or the journey (id "journey"). */
export interface Caller {
  kind: StageActor;
  id: string;
}

// Refusals a person never reads: the pages' guards answer first (404 page, or their own 403 in the viewer's language),
// so these stay English for the code and logs that meet them.
/** Why a room whose pairing does not exist refuses everything. */
export const NO_PAIRING = "This pairing does not exist.";
const MEMBERS_ONLY = "Only the pairing's members can see its conversation, agreement, goals, notes and links.";
const JOURNEY_MAY: Access[] = ["journey", "members-or-journey", "members-coordinators-or-journey", "anyone"];
const COORDINATORS_MAY: Access[] = ["members-or-coordinators", "members-coordinators-or-journey"];

/** Checks that `actor` may make a call that needs `access`; answers who they are, or the refusal. */
export async function checkAccess(room: RoomContext, actor: RoomActor, access: Access): Promise<RoomResult<Caller>> {
  if (access === "journey" && actor.kind !== "journey")
    return refuse(403, "Only the pairing's journey attaches itself.");
  if (!(await openRoom(room))) return refuse(404, NO_PAIRING);
  if (actor.kind === "journey")
    return JOURNEY_MAY.includes(access) ? ok({ kind: "journey", id: "journey" }) : refuse(403, MEMBERS_ONLY);
  if (access === "anyone") return ok({ kind: actor.kind, id: actor.personId });
  if (actor.kind === "coordinator") {
    if (!COORDINATORS_MAY.includes(access)) return refuse(403, MEMBERS_ONLY);
    const programId = getState(room.sql, "program_id") ?? "";
    return (await isProgramCoordinator(room.env, programId, actor.personId))
      ? ok({ kind: "coordinator", id: actor.personId })
      : refuse(403, "Only this program's coordinators can do that.");
  }
  if (!isMember(room.sql, actor.personId)) return refuse(403, "You are not a member of this pairing.");
  const reason = access === "members-while-open" ? readOnlyReason(room) : null;
  return reason ? refusal(409, reason.id, reason.values) : ok({ kind: "member", id: actor.personId });
}

/** Why nothing can be written any more, or null while the pairing is open. */
export function readOnlyReason(room: RoomContext): RoomMessage | null {
  const stage = currentStage(room.sql);
  return isFinal(stage) ? roomMessage("room.error.readOnly", { stage }) : null;
}

/** Opens the room (taking the pairing over from D1 the first time); false when its pairing does not exist. */
export async function openRoom(room: RoomContext): Promise<boolean> {
  const pairingId = room.pairingId;
  const known = getState(room.sql, "pairing_id");
  if (known) {
    if (known === pairingId && !room.names) await displayNames(room);
    return known === pairingId;
  }
  if (!pairingId) return false;
  const seed = await readPairingSeed(room.env, pairingId);
  if (!seed) return false;
  if (!getState(room.sql, "pairing_id")) storeSeed(room.sql, seed);
  await displayNames(room);
  return getState(room.sql, "pairing_id") === pairingId;
}
