/**
 * What a coordinator may do to one pairing (message, pause, resume, end early), with its input rules and the words
 * shown. Pure.
 */
import { MESSAGE_MAX } from "../room/chat";
import { DEFAULT_LOCALE } from "../i18n/locales";
import { type MessageId, msg, type Translate, translator } from "../i18n/translate";
import { STAGE_NAMES } from "../program-home";
import { REASON_MAX, availableActions, isFinal, type StageState } from "../room/stages";

const english = translator(DEFAULT_LOCALE);

export const PAIRING_ACTIONS = ["message", "pause", "resume", "end"] as const;
export type PairingAction = (typeof PAIRING_ACTIONS)[number];

/** Whether a URL segment names a pairing action. */
export function isPairingAction(value: unknown): value is PairingAction {
  return typeof value === "string" && (PAIRING_ACTIONS as readonly string[]).includes(value);
}

/**
 * The actions a coordinator can take on a pairing in this state: the stage machine's, plus a message while it is open.
 */
export function offeredActions(state: StageState): PairingAction[] {
  if (isFinal(state.stage)) return [];
  const stage = availableActions(state, "coordinator");
  return PAIRING_ACTIONS.filter((a) => a === "message" || stage.includes(a));
}

/** The line that says who sent a coordinator's message, added under it in the chat (in the coordinator's language). */
export function signature(coordinatorName: string, t: Translate = english): string {
  return `\n\n${t("programs.action.signature", { name: coordinatorName })}`;
}

/** The longest message a coordinator can write once their signature is added. */
export function messageLimit(coordinatorName: string, t: Translate = english): number {
  return MESSAGE_MAX - signature(coordinatorName, t).length;
}

/** Checked input: the text (message) or reason (stage changes). */
export type ActionInput = { ok: true; text: string } | { ok: false; errors: Record<string, string> };

/**
 * Checks an action form: a message (required, within the limit) or a reason (required for pause and end, at most
 * REASON_MAX).
 */
export function parseActionInput(
  action: PairingAction,
  values: Record<string, string>,
  coordinatorName: string,
  t: Translate = english,
): ActionInput {
  if (action === "message") {
    const text = (values.text ?? "").replace(/\r\n/g, "\n").trim();
    const max = messageLimit(coordinatorName, t);
    if (!text) return { ok: false, errors: { text: msg("programs.action.error.message") } };
    if (text.length > max)
      return { ok: false, errors: { text: msg("programs.action.error.messageLong", { max, length: text.length }) } };
    return { ok: true, text };
  }
  const reason = (values.reason ?? "").trim();
  if (!reason && action !== "resume")
    return {
      ok: false,
      errors: { reason: msg(action === "pause" ? "programs.action.error.pauseWhy" : "programs.action.error.endWhy") },
    };
  if (reason.length > REASON_MAX)
    return {
      ok: false,
      errors: { reason: msg("programs.action.error.reasonLong", { max: REASON_MAX, length: reason.length }) },
    };
  return { ok: true, text: reason };
}

/** The question of each action's confirmation, as in "Pause the pairing of {names}?". */
export const ACTION_TITLES: Record<PairingAction, MessageId> = {
  message: "programs.action.message.question",
  pause: "programs.action.pause.question",
  resume: "programs.action.resume.question",
  end: "programs.action.end.question",
};

/**
 * What the members will read in their chat when the action is confirmed (the message with the coordinator's signature;
 * for a stage change, a preview of the line the room writes).
 */
export function chatLine(
  action: PairingAction,
  state: StageState,
  text: string,
  coordinatorName: string,
  t: Translate = english,
): string {
  if (action === "message") return `${text}${signature(coordinatorName, t)}`;
  const to = action === "pause" ? "paused" : action === "end" ? "ended_early" : (state.pausedFrom ?? "active");
  const moved = t("programs.action.moved", {
    from: t(STAGE_NAMES[state.stage]).toLocaleLowerCase(),
    to: t(STAGE_NAMES[to]).toLocaleLowerCase(),
  });
  return text ? `${moved}: ${text}` : `${moved}.`;
}
