/** The figures each dashboard page shows, as their loaders hand them over: overview, engagement, the at-risk list. */
import type { AtRiskView } from "./at-risk-params";
import type { CheckinPeriod } from "./checkin-trends";
import type { Count, Funnel } from "./funnel";

/** How far back the overview's check-in response figures look, in days. */
export const RESPONSE_WINDOW_DAYS = 90;
/** How far back the overview's meetings-held figure looks, in days. */
export const MEETINGS_WINDOW_DAYS = 30;

/** Matched and total people for the match rate. */
export interface MatchRate {
  matched: number;
  total: number;
}

/** Headline counts over a program's pairings. */
export interface PairingTotals {
  pairings: number;
  atRisk: number;
  withGoals: number;
  /** Mean of the pairings' goal progress (0–100), or null when no pairing has goals. */
  meanGoalProgress: number | null;
}

/** Everything the overview shows. */
export interface Overview {
  funnel: Funnel;
  match: MatchRate;
  totals: PairingTotals;
  /** Check-ins opened in the last RESPONSE_WINDOW_DAYS, with their answers. */
  recent: CheckinPeriod;
  meetingsHeld: number;
}

/** Everything the engagement page shows. */
export interface Engagement {
  pairings: number;
  held: Count[];
  outcomes: { held: number; missed: number };
  progress: Count[];
  noGoals: number;
  goalStatuses: Record<string, number>;
}

/** One flagged pairing as the list shows it. */
export interface AtRiskRow {
  id: string;
  stage: string;
  reason: string;
  since: number | null;
  lastActivityAt: number | null;
  members: string;
}

/** A page of the list, the view it shows (page clamped to the last one) and the total. */
export interface AtRiskList {
  rows: AtRiskRow[];
  total: number;
  view: AtRiskView;
}
