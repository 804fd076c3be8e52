/**
 * What the coordinator's pairing summary needs beyond the projection: history, a shared agreement, and the actions on
 * offer.
 */
import { messageLimit, offeredActions, type PairingAction } from "../domain/coordinator/pairing-action-rules";
import type { Stage, StageState } from "../domain/room/stages";
import { roomOf } from "../pairings/access";
import type { PairingRecord } from "../domain/pairing";
import { pairingHistory } from "../pairings/program-pairings";
import type { AgreementView } from "../domain/room/types";
import type { MessageId, Translate } from "../domain/i18n/translate";

/** The summary's data for one coordinator. */
export interface SummaryData {
  history: Awaited<ReturnType<typeof pairingHistory>>;
  agreement: AgreementView | null;
  state: StageState;
  offered: PairingAction[];
  messageMax: number;
}

/** The stage state from the projection: a paused pairing returns to the stage its latest change came from. */
export function stageStateOf(stage: string, changes: { from_stage: string; to_stage: string }[]): StageState {
  const latest = changes[0];
  return {
    stage: stage as Stage,
    pausedFrom: stage === "paused" && latest?.to_stage === "paused" ? (latest.from_stage as Stage) : null,
  };
}

/** Loads the summary data of a pairing for a coordinator. */
export async function loadSummary(
  env: Env,
  pairing: PairingRecord,
  coordinator: { id: string; name: string },
  t?: Translate,
): Promise<SummaryData> {
  const [history, agreement] = await Promise.all([
    pairingHistory(env, pairing.id),
    roomOf(env, pairing.id).agreement({ kind: "coordinator", personId: coordinator.id }),
  ]);
  const state = stageStateOf(pairing.stage, history.changes);
  return {
    history,
    agreement: agreement.ok ? agreement.value : null,
    state,
    offered: offeredActions(state),
    messageMax: messageLimit(coordinator.name, t),
  };
}

/** The notice after each confirmed action, as message ids. */
export const DONE_NOTICES: Record<string, MessageId> = {
  message: "programs.done.message",
  pause: "programs.done.pause",
  resume: "programs.done.resume",
  end: "programs.done.end",
  repeated: "programs.done.repeated",
  rematched: "programs.done.rematched",
};

/** A coordinator's name as members read it. */
export const displayName = (user: { name: string; email: string }) => user.name.trim() || user.email;
