/**
 * A program's milestone template and the journey plan it gives a pairing: welcome at the start, the agreement due after
 * `agreementDays`, the first meeting within `firstMeetingDays`, a check-in every `checkInEveryDays` (open
 * `checkInOpenDays`), a mid-point review at half the program, a wrap-up survey in the last week, then close. Pure.
 */
import { msg, type Translate } from "../i18n/translate";

export interface MilestoneTemplate {
  agreementDays: number;
  firstMeetingDays: number;
  /** Null: the program's check-in cadence. */
  checkInEveryDays: number | null;
  checkInOpenDays: number;
  midPoint: boolean;
  wrapUpSurvey: boolean;
}

export const DEFAULT_TEMPLATE: MilestoneTemplate = {
  agreementDays: 7,
  firstMeetingDays: 14,
  checkInEveryDays: null,
  checkInOpenDays: 4,
  midPoint: true,
  wrapUpSurvey: true,
};

/**
 * Slips the journey flags: no agreement this long after it was due, no meeting for this long, unanswered check-ins in a
 * row.
 */
export const RISK_RULES = { agreementGraceDays: 3, silentDays: 21, unansweredInARow: 2 } as const;

const DAY = 86_400_000;

export type MilestoneKind = "welcome" | "agreement" | "first-meeting" | "check-in" | "wrap-up" | "close";

/** One step of a pairing's journey: what, when (epoch ms), and for check-ins when it closes. */
export interface PlannedMilestone {
  key: string;
  kind: MilestoneKind;
  title: string;
  due: number;
  closes: number | null;
}

/** Reads a stored template (JSON text or null), falling back to the default for anything missing or invalid. */
export function templateOf(stored: string | null | undefined): MilestoneTemplate {
  if (!stored) return DEFAULT_TEMPLATE;
  try {
    const parsed = parseTemplate(JSON.parse(stored) as Record<string, unknown>, 10_000);
    return parsed.ok ? parsed.template : DEFAULT_TEMPLATE;
  } catch {
    return DEFAULT_TEMPLATE;
  }
}

/** The most a template field of the journey form may hold (a number of days, or "program"). */
export const TEMPLATE_FIELD_MAX = 10;

/**
 * Checks a template typed by a coordinator (strings from a form or numbers from JSON) against a program of
 * `lengthDays`.
 */
export function parseTemplate(
  values: Record<string, unknown>,
  lengthDays: number,
): { ok: true; template: MilestoneTemplate } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  // Errors are `msg` texts (the field named by a select on its key), translated where they are shown.
  const whole = (key: keyof MilestoneTemplate, min: number, max: number): number => {
    const raw = String(values[key] ?? "").trim();
    const n = Number(raw);
    if (!/^\d{1,4}$/.test(raw) || n < min || n > max)
      errors[key] = msg("programs.journey.error.days", { field: key, min, max });
    return n;
  };
  const agreementDays = whole("agreementDays", 1, Math.min(60, lengthDays));
  const firstMeetingDays = whole("firstMeetingDays", 1, Math.min(90, lengthDays));
  const everyRaw = String(values.checkInEveryDays ?? "").trim();
  const checkInEveryDays = everyRaw === "" || everyRaw === "program" ? null : whole("checkInEveryDays", 3, 90);
  const checkInOpenDays = whole("checkInOpenDays", 1, 14);
  if (
    checkInEveryDays !== null &&
    !errors.checkInEveryDays &&
    !errors.checkInOpenDays &&
    checkInOpenDays >= checkInEveryDays
  ) {
    errors.checkInOpenDays = msg("programs.journey.error.overlap");
  }
  const flag = (key: "midPoint" | "wrapUpSurvey") =>
    values[key] === true || values[key] === "1" || values[key] === "on";
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    template: {
      agreementDays,
      firstMeetingDays,
      checkInEveryDays,
      checkInOpenDays,
      midPoint: flag("midPoint"),
      wrapUpSurvey: flag("wrapUpSurvey"),
    },
  };
}

/** The plan of a pairing that started at `start`, in a program of `lengthWeeks` with check-ins every `cadenceDays`. */
export function journeyPlan(
  start: number,
  program: { lengthWeeks: number; cadenceDays: number },
  t: MilestoneTemplate,
): PlannedMilestone[] {
  const length = Math.max(7, program.lengthWeeks * 7);
  const every = Math.max(1, t.checkInEveryDays ?? program.cadenceDays);
  const at = (days: number) => start + days * DAY;
  const plan: PlannedMilestone[] = [
    { key: "welcome", kind: "welcome", title: "Welcome", due: start, closes: null },
    { key: "agreement", kind: "agreement", title: "Mentoring agreement due", due: at(t.agreementDays), closes: null },
    {
      key: "first-meeting",
      kind: "first-meeting",
      title: "First meeting due",
      due: at(t.firstMeetingDays),
      closes: null,
    },
  ];
  const mid = Math.round(length / 2);
  let n = 0;
  for (let d = every; d < length - 7; d += every) {
    if (t.midPoint && Math.abs(d - mid) < every / 2) continue;
    n++;
    plan.push({
      key: `check-in-${n}`,
      kind: "check-in",
      title: `Check-in ${n}`,
      due: at(d),
      closes: at(d + t.checkInOpenDays),
    });
  }
  if (t.midPoint)
    plan.push({
      key: "mid-point",
      kind: "check-in",
      title: "Mid-point review",
      due: at(mid),
      closes: at(mid + t.checkInOpenDays),
    });
  if (t.wrapUpSurvey)
    plan.push({ key: "wrap-up", kind: "wrap-up", title: "Wrap-up survey", due: at(length - 7), closes: at(length) });
  plan.push({ key: "close", kind: "close", title: "Pairing closes", due: at(length), closes: null });
  const rank: Record<MilestoneKind, number> = {
    welcome: 0,
    agreement: 1,
    "first-meeting": 2,
    "check-in": 3,
    "wrap-up": 4,
    close: 5,
  };
  return plan.sort((a, b) => a.due - b.due || rank[a.kind] - rank[b.kind] || a.key.localeCompare(b.key));
}

/** A planned milestone's name in the viewer's language (by its key: welcome, check-in-3, close, …). */
export function milestoneName(m: PlannedMilestone, t: Translate): string {
  const n = /^check-in-(\d+)$/.exec(m.key)?.[1];
  if (n) return t("programs.journey.milestone.checkIn", { n: Number(n) });
  switch (m.key) {
    case "welcome":
      return t("programs.journey.milestone.welcome");
    case "agreement":
      return t("programs.journey.milestone.agreement");
    case "first-meeting":
      return t("programs.journey.milestone.firstMeeting");
    case "mid-point":
      return t("programs.journey.milestone.midPoint");
    case "wrap-up":
      return t("programs.journey.milestone.wrapUp");
    case "close":
      return t("programs.journey.milestone.close");
    default:
      return m.title;
  }
}
