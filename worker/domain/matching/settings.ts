/**
 * A program's matching settings: the score weights, the language rule, how many mentors a mentee may ask for, how long
 * a self-match request stays open, and the program's own attributes (e.g. "Department", scored when both sides share
 * the value and reported on in the fairness report). Stored as JSON on the program; the form is validated here.
 */
import { msg } from "../i18n/translate";
import * as z from "../zod";
import { DEFAULT_WEIGHTS, type ProgramWeights } from "./types";

/** One program-specific attribute people answer for themselves. */
export interface ProgramAttribute {
  key: string;
  label: string;
  /** Points when mentor and mentee give the same answer (0: asked for the fairness report only). */
  weight: number;
}

/** Everything a coordinator can tune about matching in one program. */
export interface MatchSettings {
  goals: number;
  languages: number;
  availability: number;
  channels: number;
  goalsForFull: number;
  hoursForFull: number;
  mustShareLanguage: boolean;
  maxMentorsPerMentee: number;
  requestExpiryDays: number;
  attributes: ProgramAttribute[];
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  goals: DEFAULT_WEIGHTS.goals,
  languages: DEFAULT_WEIGHTS.languages,
  availability: DEFAULT_WEIGHTS.availability,
  channels: DEFAULT_WEIGHTS.channels,
  goalsForFull: DEFAULT_WEIGHTS.goalsForFull,
  hoursForFull: DEFAULT_WEIGHTS.hoursForFull,
  mustShareLanguage: DEFAULT_WEIGHTS.mustShareLanguage,
  maxMentorsPerMentee: 1,
  requestExpiryDays: 7,
  attributes: [],
};

export const MAX_ATTRIBUTES = 5;

/** The settings stored on a program, or the defaults when none were saved. */
export function settingsOf(stored: MatchSettings | null | undefined): MatchSettings {
  return { ...DEFAULT_MATCH_SETTINGS, ...(stored ?? {}) };
}

/** The scorer's weights for these settings. */
export function weightsOf(s: MatchSettings): ProgramWeights {
  const attributes: Record<string, number> = {};
  for (const a of s.attributes) if (a.weight > 0) attributes[a.key] = a.weight;
  return {
    goals: s.goals,
    languages: s.languages,
    availability: s.availability,
    channels: s.channels,
    attributes,
    goalsForFull: s.goalsForFull,
    hoursForFull: s.hoursForFull,
    mustShareLanguage: s.mustShareLanguage,
  };
}

/** Turns an attribute label into its stored key ("Home region" → "home-region"). */
export function attributeKey(label: string): string {
  return label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** The most the "Program questions" text may hold, in characters. */
export const ATTRIBUTES_TEXT_MAX = 1000;

/**
 * Parses "Label = weight" lines (weight optional, 0–100) into attributes, or returns the first problem as a message.
 */
export function parseAttributes(text: string): ProgramAttribute[] | string {
  const out: ProgramAttribute[] = [];
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_ATTRIBUTES) return msg("matching.settings.tooManyAttributes", { n: MAX_ATTRIBUTES });
  for (const [i, line] of lines.entries()) {
    const m = /^(.+?)\s*(?:=\s*(\S+))?$/.exec(line)!;
    const label = m[1]!.trim();
    const key = attributeKey(label);
    if (label.length > 40 || key === "") return msg("matching.settings.attributeName", { line: i + 1 });
    if (m[2] !== undefined && !/^\d{1,3}$/.test(m[2])) return msg("matching.settings.attributeWeight", { line: i + 1 });
    const weight = m[2] === undefined ? 0 : Number(m[2]);
    if (weight > 100) return msg("matching.settings.attributeWeight", { line: i + 1 });
    if (out.some((a) => a.key === key)) return msg("matching.settings.attributeTwice", { line: i + 1, label });
    out.push({ key, label, weight });
  }
  return out;
}

/** Writes attributes back as the form's "Label = weight" lines. */
export function formatAttributes(attributes: readonly ProgramAttribute[]): string {
  return attributes.map((a) => `${a.label} = ${a.weight}`).join("\n");
}

/**
 * A whole number from `min` to `max` typed into one of the settings' fields, refused with messages that name the field
 * (`field` selects its words in the messages).
 */
const wholeNumber = (field: string, min: number, max: number) =>
  z.pipe(
    z.pipe(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, msg("matching.settings.missing", { field })),
          z.regex(/^\d+$/, msg("matching.settings.notWhole", { field })),
        ),
      z.transform(Number),
    ),
    z
      .number()
      .check(
        z.gte(min, msg("matching.settings.atLeast", { field, n: min })),
        z.lte(max, msg("matching.settings.atMost", { field, n: max })),
      ),
  );

const weight = (field: string) => wholeNumber(field, 0, 100);

/** Validates the matching settings form (text in, MatchSettings out). */
export const matchSettingsSchema = z
  .pipe(
    z.object({
      goals: weight("goals"),
      languages: weight("languages"),
      availability: weight("availability"),
      channels: weight("channels"),
      goals_for_full: wholeNumber("goalsForFull", 1, 10),
      hours_for_full: wholeNumber("hoursForFull", 1, 40),
      must_share_language: z.optional(z.string().check(z.maxLength(10))),
      max_mentors_per_mentee: wholeNumber("maxMentors", 1, 5),
      request_expiry_days: wholeNumber("expiryDays", 1, 60),
      attributes: z.pipe(
        z._default(
          z
            .string()
            .check(
              z.maxLength(ATTRIBUTES_TEXT_MAX, msg("matching.settings.attributesTooLong", { n: ATTRIBUTES_TEXT_MAX })),
            ),
          "",
        ),
        z.transform((text: string, ctx) => {
          const parsed = parseAttributes(text);
          if (typeof parsed === "string") {
            ctx.issues.push({ code: "custom", message: parsed, input: text });
            return z.NEVER;
          }
          return parsed;
        }),
      ),
    }),
    z.transform(
      (f): MatchSettings => ({
        goals: f.goals,
        languages: f.languages,
        availability: f.availability,
        channels: f.channels,
        goalsForFull: f.goals_for_full,
        hoursForFull: f.hours_for_full,
        mustShareLanguage: f.must_share_language === "on",
        maxMentorsPerMentee: f.max_mentors_per_mentee,
        requestExpiryDays: f.request_expiry_days,
        attributes: f.attributes,
      }),
    ),
  )
  .check(
    z.refine(
      (s) => s.goals + s.languages + s.availability + s.channels + s.attributes.reduce((n, a) => n + a.weight, 0) > 0,
      {
        message: msg("matching.settings.allZero"),
        path: ["goals"],
      },
    ),
  );

/** The form's text values for saved settings. */
export function settingsValues(s: MatchSettings): Record<string, string> {
  return {
    goals: String(s.goals),
    languages: String(s.languages),
    availability: String(s.availability),
    channels: String(s.channels),
    goals_for_full: String(s.goalsForFull),
    hours_for_full: String(s.hoursForFull),
    must_share_language: s.mustShareLanguage ? "on" : "",
    max_mentors_per_mentee: String(s.maxMentorsPerMentee),
    request_expiry_days: String(s.requestExpiryDays),
    attributes: formatAttributes(s.attributes),
  };
}
