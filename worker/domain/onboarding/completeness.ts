/**
 * What a participant's profile still lacks for matching, and the onboarding steps that fill it in. Pure: the matching
 * page counts incomplete profiles with `profileCompleteness`, home links to the next missing step.
 *
 * A zone of "UTC" counts as not chosen: it is the column's default for everyone who never picked one (people who live
 * on UTC+0 pick their city, e.g. Europe/London or Africa/Abidjan, which also follows their clock changes).
 */
import type { Slot } from "../availability";
import type { MessageId } from "../i18n/translate";

/** A thing matching needs that a profile can lack. */
export type ProfileGap = "timeZone" | "availability" | "languages" | "goals" | "expertise" | "capacity";

/** The roles onboarding knows: what a person does in a program besides coordinating. */
export type ParticipantRole = "mentor" | "mentee";

/** The profile fields completeness reads (a `Person` has them all). */
export interface ProfileEssentials {
  timeZone: string;
  availability: readonly Slot[];
  languages: readonly string[];
  goals: readonly string[];
  expertise: readonly string[];
  capacity: number;
}

/** Words for each gap, as a list on home or the matching page shows them. */
export const PROFILE_GAP_LABELS: Readonly<Record<ProfileGap, MessageId>> = {
  timeZone: "onboarding.gap.timeZone",
  availability: "onboarding.gap.availability",
  languages: "onboarding.gap.languages",
  goals: "onboarding.gap.goals",
  expertise: "onboarding.gap.expertise",
  capacity: "onboarding.gap.capacity",
};

/** The zone every profile starts with; a person who still has it has not chosen one. */
export const UNSET_TIME_ZONE = "UTC";

/**
 * What the profile still lacks for `role` (or for each of several roles, a person who mentors and is mentored),
 * in the order onboarding asks for it; empty when the profile is complete. Mentees are never asked for capacity.
 */
export function profileCompleteness(
  person: ProfileEssentials,
  role: ParticipantRole | readonly ParticipantRole[],
): ProfileGap[] {
  const roles: readonly ParticipantRole[] = typeof role === "string" ? [role] : role;
  const missing: ProfileGap[] = [];
  if (!person.timeZone || person.timeZone === UNSET_TIME_ZONE) missing.push("timeZone");
  if (person.availability.length === 0) missing.push("availability");
  if (person.languages.length === 0) missing.push("languages");
  if (roles.includes("mentee") && person.goals.length === 0) missing.push("goals");
  if (roles.includes("mentor") && person.expertise.length === 0) missing.push("expertise");
  if (roles.includes("mentor") && person.capacity < 1) missing.push("capacity");
  return missing;
}

/** One page of onboarding, in its URL's words. */
export type OnboardingStep = "time-zone" | "availability" | "languages" | "goals" | "mentoring";

/** Every step in the order they come. */
export const ONBOARDING_STEPS: readonly OnboardingStep[] = [
  "time-zone",
  "availability",
  "languages",
  "goals",
  "mentoring",
];

/** Each step's heading. */
export const STEP_TITLES: Readonly<Record<OnboardingStep, MessageId>> = {
  "time-zone": "onboarding.step.timeZone",
  availability: "onboarding.step.availability",
  languages: "onboarding.step.languages",
  goals: "onboarding.step.goals",
  mentoring: "onboarding.step.mentoring",
};

/** The step that fills in a gap. */
export function stepFor(gap: ProfileGap): OnboardingStep {
  if (gap === "timeZone") return "time-zone";
  if (gap === "expertise" || gap === "capacity") return "mentoring";
  return gap;
}

/** The steps a person with these roles goes through: goals for mentees, expertise and capacity for mentors. */
export function stepsFor(roles: readonly ParticipantRole[]): OnboardingStep[] {
  return ONBOARDING_STEPS.filter(
    (s) => (s !== "goals" || roles.includes("mentee")) && (s !== "mentoring" || roles.includes("mentor")),
  );
}

/** True when `text` names one of the steps. */
export function isOnboardingStep(text: string): text is OnboardingStep {
  return (ONBOARDING_STEPS as readonly string[]).includes(text);
}

/**
 * The step to show after `current` (or the first one when `current` is null): the next of `steps` that still has a
 * gap; null when nothing after it is missing.
 */
export function nextStep(
  steps: readonly OnboardingStep[],
  missing: readonly ProfileGap[],
  current: OnboardingStep | null,
): OnboardingStep | null {
  const open = new Set(missing.map(stepFor));
  const from = current === null ? 0 : steps.indexOf(current) + 1;
  return steps.slice(from).find((s) => open.has(s)) ?? null;
}
