/**
 * What a coordinator may do to one pairing (message, pause, resume, end early), with its input rules and the words
 * shown. Pure.
 */
import { MESSAGE_MAX } from "../room/chat";
import { REASON_MAX, STAGE_LABELS, availableActions, isFinal, type StageState } from "../room/stages";

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

/** The line that says who sent a coordinator's message, added under it in the chat. */
export function signature(coordinatorName: string): string {
  return `\n\n— ${coordinatorName}, program coordinator`;
}

/** The longest message a coordinator can write once their signature is added. */
export function messageLimit(coordinatorName: string): number {
  return MESSAGE_MAX - signature(coordinatorName).length;
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
): ActionInput {
  if (action === "message") {
    const text = (values.text ?? "").replace(/\r\n/g, "\n").trim();
    const max = messageLimit(coordinatorName);
    if (!text) return { ok: false, errors: { text: "Write the message first." } };
    if (text.length > max)
      return { ok: false, errors: { text: `Messages can be up to ${max} characters; this one is ${text.length}.` } };
    return { ok: true, text };
  }
  const reason = (values.reason ?? "").trim();
  if (!reason && action !== "resume")
    return {
      ok: false,
      errors: { reason: `Say why you ${action === "pause" ? "pause" : "end"} the pairing: its members will read it.` },
    };
  if (reason.length > REASON_MAX)
    return {
      ok: false,
      errors: { reason: `Keep the reason to ${REASON_MAX} characters; this one is ${reason.length}.` },
    };
  return { ok: true, text: reason };
}

/** The verb for each action, as in "Pause the pairing of …". */
export const ACTION_TITLES: Record<PairingAction, string> = {
  message: "Send a message into the pairing of",
  pause: "Pause the pairing of",
  resume: "Resume the pairing of",
  end: "End the pairing early of",
};

/** What the members will read in their chat when the action is confirmed. */
export function chatLine(action: PairingAction, state: StageState, text: string, coordinatorName: string): string {
  if (action === "message") return `${text}${signature(coordinatorName)}`;
  const to = action === "pause" ? "paused" : action === "end" ? "ended_early" : (state.pausedFrom ?? "active");
  const why = text ? `: ${text}` : ".";
  return `A coordinator moved the pairing from ${STAGE_LABELS[state.stage].toLowerCase()} to ${STAGE_LABELS[to].toLowerCase()}${why}`;
}
