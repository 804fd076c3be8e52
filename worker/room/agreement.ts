/**
 * The mentoring agreement: reading it, saving new terms as a new version, signing, and sharing it with coordinators.
 */
import { msg } from "../domain/i18n/translate";
import { parseTerms, SIGNED_BY_ALL_REASON, sameTerms } from "../domain/room/agreement";
import { fixFields, refusal } from "../domain/room/room-messages";
import type { Stage } from "../domain/room/stages";
import { currentAgreement, saveTerms, sign } from "./agreement-store";
import { systemNote } from "./chat";
import { queueJourneyEvent } from "./projection-outbox";
import type { Caller } from "./room-access";
import { nameOf, ok, type RoomContext, recordActivity } from "./room-context";
import { currentStage, membersOf, setState } from "./room-state";
import type { AgreementView, RoomResult } from "../domain/room/types";
import { applyStage } from "./stage";
import { summary, unprojected, write } from "./write-path";

/** The current agreement, read against the current members' signatures. */
function agreementNow(room: RoomContext): AgreementView {
  return currentAgreement(
    room.sql,
    membersOf(room.sql).map((m) => m.personId),
  );
}

/** The agreement, for a member (or for a coordinator once a member has shared it). */
export function readAgreement(room: RoomContext, who: Caller): RoomResult<AgreementView> {
  const view = agreementNow(room);
  if (who.kind === "coordinator" && !view.sharedWithCoordinators) return refusal(403, "agreement.error.notShared");
  return ok(view);
}

/** Whether the agreement is signed by everyone (for the journey). */
export function agreementSigned(room: RoomContext, _who: Caller): RoomResult<boolean> {
  return ok(agreementNow(room).signedByAll);
}

/** Saves new agreement terms as a new version (everyone signs again); unchanged terms change nothing. */
export function saveAgreement(
  room: RoomContext,
  who: Caller,
  values: Record<string, string>,
  channels: string[],
  baseVersion: number,
): Promise<RoomResult<{ version: number; changed: boolean }>> {
  return write<{ version: number; changed: boolean }>(room, () => {
    const parsed = parseTerms(values, channels);
    if (!parsed.ok) return fixFields(parsed.errors);
    const current = agreementNow(room);
    if (current.version !== 0 && sameTerms(current.terms, parsed.terms))
      return unprojected({ version: current.version, changed: false });
    if (current.version !== baseVersion) return refusal(409, "agreement.error.conflict");
    const now = room.now();
    const version = saveTerms(room.sql, parsed.terms, who.id, now);
    sign(room.sql, who.id, version, now);
    recordActivity(room, now);
    if (current.version > 0)
      systemNote(
        room,
        msg("room.line.agreementChanged", { name: nameOf(room, who.id), version }),
        `agreement-${version}`,
        now,
      );
    return summary({ version, changed: true });
  });
}

/** Signs the given version of the agreement; when everyone has signed, onboarding moves on to active. */
export function signAgreement(
  room: RoomContext,
  who: Caller,
  version: number,
): Promise<RoomResult<{ signedByAll: boolean; stage: Stage }>> {
  return write(room, () => {
    const current = agreementNow(room);
    if (current.version === 0) return refusal(409, "agreement.error.nothingToSign");
    if (current.version !== version) return refusal(409, "agreement.error.changed", { version: current.version });
    const now = room.now();
    sign(room.sql, who.id, version, now);
    recordActivity(room, now);
    const after = agreementNow(room);
    if (after.signedByAll && currentStage(room.sql) === "onboarding")
      applyStage(room, "activate", "journey", who.id, SIGNED_BY_ALL_REASON);
    if (after.signedByAll) queueJourneyEvent(room.sql, "agreement-signed", { version }, `agreement:${version}`);
    return summary({ signedByAll: after.signedByAll, stage: currentStage(room.sql) });
  });
}

/** Lets a member share (or stop sharing) the agreement's text with the program's coordinators. */
export function shareAgreement(
  room: RoomContext,
  _who: Caller,
  shared: boolean,
): Promise<RoomResult<{ shared: boolean }>> {
  return write(room, () => {
    setState(room.sql, "agreement_shared", shared ? "1" : "0");
    return unprojected({ shared });
  });
}
