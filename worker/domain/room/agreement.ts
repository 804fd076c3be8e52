/**
 * The mentoring agreement: what the members promise each other. Every member signs the current version; any edit makes
 * a new version that everyone signs again. Pure parsing and rules; the room stores it. Field messages are catalog ids
 * (`msg`), which the form translates.
 */
import { type MessageId, msg, translator } from "../i18n/translate";
/** The catalog ids of the channels', cadences' and answer times' names. */
export const AGREEMENT_WORDS = {
  channels: {
    chat: "agreement.channel.chat",
    video: "agreement.channel.video",
    phone: "agreement.channel.phone",
    "in-person": "agreement.channel.inPerson",
    email: "agreement.channel.email",
  },
  cadences: {
    weekly: "agreement.cadence.weekly",
    fortnightly: "agreement.cadence.fortnightly",
    monthly: "agreement.cadence.monthly",
    "as-needed": "agreement.cadence.asNeeded",
  },
  responseTimes: {
    "same-day": "agreement.response.sameDay",
    "two-days": "agreement.response.twoDays",
    week: "agreement.response.week",
  },
} as const satisfies Record<string, Record<string, MessageId>>;

/**
 * The reason stored with the stage change when everyone's signature activates a pairing (history keeps text; pages
 * recognise this one and say it in the viewer's language).
 */
export const SIGNED_BY_ALL_REASON = "Everyone signed the agreement.";

/** The agreement's text fields and their limits. */
export const AGREEMENT_LIMITS = { goals: 2000, contactHours: 300, confidentiality: 2000, offLimits: 1000 } as const;

/** What the members agree on. */
export interface AgreementTerms {
  goals: string;
  channels: (keyof typeof AGREEMENT_WORDS.channels)[];
  cadence: keyof typeof AGREEMENT_WORDS.cadences;
  contactHours: string;
  responseTime: keyof typeof AGREEMENT_WORDS.responseTimes;
  confidentiality: string;
  offLimits: string;
}

/** The terms a new pairing starts from. */
export const DEFAULT_TERMS: AgreementTerms = {
  goals: "",
  channels: ["chat", "video"],
  cadence: "fortnightly",
  contactHours: "",
  responseTime: "two-days",
  confidentiality: translator("en")("agreement.defaultConfidentiality"),
  offLimits: "",
};

/** A parse result: the terms, or a message per field. */
export type ParsedTerms = { ok: true; terms: AgreementTerms } | { ok: false; errors: Record<string, string> };

const isKey = <T extends object>(table: T, v: string): v is Extract<keyof T, string> => Object.hasOwn(table, v);

/** Reads agreement terms from form values (`channels` may repeat). */
export function parseTerms(values: Record<string, string>, channels: string[]): ParsedTerms {
  const errors: Record<string, string> = {};
  const text = (key: keyof typeof AGREEMENT_LIMITS, required: boolean) => {
    const v = (values[key] ?? "").trim();
    if (required && !v) errors[key] = msg("agreement.error.required", { field: key });
    else if (v.length > AGREEMENT_LIMITS[key])
      errors[key] = msg("room.error.textTooLong", { max: AGREEMENT_LIMITS[key], length: v.length });
    return v;
  };
  const goals = text("goals", true);
  const contactHours = text("contactHours", false);
  const confidentiality = text("confidentiality", true);
  const offLimits = text("offLimits", false);
  const picked = [...new Set(channels)];
  if (picked.length === 0) errors.channels = msg("agreement.error.noChannel");
  else if (!picked.every((c) => isKey(AGREEMENT_WORDS.channels, c))) errors.channels = msg("agreement.error.channel");
  const cadence = values.cadence ?? "";
  if (!isKey(AGREEMENT_WORDS.cadences, cadence)) errors.cadence = msg("agreement.error.cadence");
  const responseTime = values.responseTime ?? "";
  if (!isKey(AGREEMENT_WORDS.responseTimes, responseTime)) errors.responseTime = msg("agreement.error.responseTime");
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    terms: {
      goals,
      channels: picked as AgreementTerms["channels"],
      cadence: cadence as AgreementTerms["cadence"],
      contactHours,
      responseTime: responseTime as AgreementTerms["responseTime"],
      confidentiality,
      offLimits,
    },
  };
}

/** Whether two sets of terms say the same thing (saving unchanged terms must not ask everyone to sign again). */
export function sameTerms(a: AgreementTerms, b: AgreementTerms): boolean {
  return (
    JSON.stringify({ ...a, channels: [...a.channels].sort() }) ===
    JSON.stringify({ ...b, channels: [...b.channels].sort() })
  );
}

/** Whether every member has signed `version` (and there is something to sign). */
export function signedByAll(
  version: number,
  memberIds: string[],
  signatures: { personId: string; version: number }[],
): boolean {
  if (version === 0 || memberIds.length === 0) return false;
  return memberIds.every((id) => signatures.some((s) => s.personId === id && s.version === version));
}
