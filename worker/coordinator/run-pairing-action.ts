/**
 * Carries out a confirmed coordinator action on one pairing through its room, then logs it (once per idempotency key).
 */
import { recordAudit } from "../audit/audit-log";
import { chatLine, offeredActions, type PairingAction } from "../domain/coordinator/pairing-action-rules";
import { type MessageId, msg, type Translate } from "../domain/i18n/translate";
import { isFinal, type StageState } from "../domain/room/stages";
import { roomOf } from "../pairings/access";
import { KEY_REUSED, keyState } from "./confirm-key";

/** A confirmed action to run. */
export interface PairingActionRun {
  programId: string;
  pairingId: string;
  state: StageState;
  action: PairingAction;
  /** The message or the reason. */
  text: string;
  key: string;
  coordinator: { id: string; name: string };
  /** The coordinator's language, for the signature under a message (the limit they were shown counts it). */
  t?: Translate;
}

/**
 * The outcome: done (or done before with this key), or a refusal as a status and a sentence (a `msg` id of ours, or
 * the room's own words).
 */
export type PairingActionResult =
  | { ok: true; repeated: boolean }
  | { ok: false; status: 403 | 404 | 409 | 422 | 429; error: MessageId | string };

/** Sends the message or changes the stage as the coordinator, then writes the audit entry whose id is the key. */
export async function runPairingAction(env: Env, run: PairingActionRun): Promise<PairingActionResult> {
  const audit = `pairing.${run.action}` as const;
  const state = await keyState(env, run.key, audit, run.coordinator.id);
  if (state === "done") return { ok: true, repeated: true };
  if (state === "other") return { ok: false, status: 409, error: KEY_REUSED };
  if (!offeredActions(run.state).includes(run.action)) return { ok: false, status: 409, error: refusal(run.state) };
  const room = roomOf(env, run.pairingId);
  const actor = { kind: "coordinator" as const, personId: run.coordinator.id };
  const result =
    run.action === "message"
      ? await room.postSystemMessage(
          actor,
          run.key,
          chatLine("message", run.state, run.text, run.coordinator.name, run.t),
        )
      : await room.changeStage(actor, run.action, run.text);
  if (!result.ok) return { ok: false, status: result.status, error: result.error };
  await recordAudit(env, {
    id: run.key,
    programId: run.programId,
    actorId: run.coordinator.id,
    action: audit,
    pairingId: run.pairingId,
    detail: run.action === "message" ? { text: run.text } : { reason: run.text },
  });
  await room.flushProjection();
  return { ok: true, repeated: false };
}

/** Why the pairing's stage does not allow an action now (a `msg` text). */
function refusal(state: StageState): string {
  return isFinal(state.stage)
    ? msg("programs.action.refusedFinal", { stage: state.stage })
    : msg("programs.action.refusedStage");
}
