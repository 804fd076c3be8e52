/** The message ids of the dashboard's fixed words: stages, goal statuses and the meetings-held buckets. Pure. */
import type { MessageId } from "../i18n/translate";
import type { GoalStatus } from "../room/goals";
import type { Stage } from "../room/stages";

/** Each stage's name on the dashboard pages. */
export const STAGE_WORDS: Record<Stage, MessageId> = {
  proposed: "dashboard.stage.proposed",
  onboarding: "dashboard.stage.onboarding",
  active: "dashboard.stage.active",
  wrapping_up: "dashboard.stage.wrappingUp",
  closed: "dashboard.stage.closed",
  paused: "dashboard.stage.paused",
  ended_early: "dashboard.stage.endedEarly",
};

/** Each goal status's name. */
export const GOAL_STATUS_WORDS: Record<GoalStatus, MessageId> = {
  open: "dashboard.goal.open",
  achieved: "dashboard.goal.achieved",
  dropped: "dashboard.goal.dropped",
};

/** The message id of a stage's name, or null for a stage this version does not know. */
export function stageWord(stage: string): MessageId | null {
  return Object.hasOwn(STAGE_WORDS, stage) ? STAGE_WORDS[stage as Stage] : null;
}
