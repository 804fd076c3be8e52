/**
 * The stage funnel: how many pairings reached each stage of proposed → onboarding → active → wrapping up → closed,
 * and how many are in each stage now (paused and ended early on the side). Pure.
 */
import { pairingStages } from "../vocabulary";
import { STAGE_LABELS, type Stage } from "../room/stages";

/** The main path every pairing walks, in order. */
export const FUNNEL_STAGES = [
  "proposed",
  "onboarding",
  "active",
  "wrapping_up",
  "closed",
] as const satisfies readonly Stage[];

/** A stage's place on the main path (0–4), or null for paused and ended early. */
export function funnelIndex(stage: string): number | null {
  const i = (FUNNEL_STAGES as readonly string[]).indexOf(stage);
  return i < 0 ? null : i;
}

/** Pairings grouped by current stage and the furthest main-path stage their stage changes mention (null: none). */
export interface StageGroup {
  stage: string;
  furthest: number | null;
  n: number;
}

/** A labelled count. */
export interface Count {
  key: string;
  label: string;
  n: number;
}

/** What the funnel shows: reached per main stage, now per stage (all seven), and the total. */
export interface Funnel {
  total: number;
  reached: Count[];
  now: Count[];
}

/**
 * Every pairing counts as proposed; it reached a main stage when it is there or further now, or when one of its
 * stage changes went from or to that stage or a later one (so a paused or ended pairing keeps how far it got).
 */
export function stageFunnel(groups: StageGroup[]): Funnel {
  const reached = FUNNEL_STAGES.map(() => 0);
  const now = new Map<string, number>(pairingStages.map((s) => [s, 0]));
  let total = 0;
  for (const g of groups) {
    total += g.n;
    if (now.has(g.stage)) now.set(g.stage, now.get(g.stage)! + g.n);
    const furthest = Math.max(funnelIndex(g.stage) ?? 0, g.furthest ?? 0);
    for (let i = 0; i <= Math.min(furthest, FUNNEL_STAGES.length - 1); i++) reached[i]! += g.n;
  }
  return {
    total,
    reached: FUNNEL_STAGES.map((s, i) => ({ key: s, label: STAGE_LABELS[s], n: reached[i]! })),
    now: pairingStages.map((s) => ({ key: s, label: STAGE_LABELS[s], n: now.get(s)! })),
  };
}
