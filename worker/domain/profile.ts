/**
 * The profile form: its zod schema (form text in, profile columns out) and the form values shown for a saved profile.
 */
import * as z from "./zod";
import { fail, preprocess } from "./zod";
import { DAY_NAMES, formatDay, formatTime, parseDay, type Slot } from "./availability";
import { currentZoneName, isKnownTimeZone } from "./time-zones";
import { msg } from "./i18n/translate";

export const CHANNELS = ["video", "phone", "chat", "in person", "email"] as const;
export const MAX_CAPACITY = 20;
export const TAG_MAX_LENGTH = 40;
export const MAX_TAGS = 20;
export const MAX_LANGUAGES = 10;
export const AVAIL_FIELDS = DAY_NAMES.map((_, i) => `avail_${i}` as const);
const TAG_PATTERN = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .+#&'/-]*$/u;
const TIME = /^(\d{1,2}):(\d{2})(?::00)?$/;

/** The profile columns a valid form updates. */
export interface ProfileUpdate {
  name: string;
  pronouns: string;
  bio: string;
  goals: string[];
  expertise: string[];
  interests: string[];
  languages: string[];
  timeZone: string;
  availability: Slot[];
  contactStart: number;
  contactEnd: number;
  channels: string[];
  capacity: number;
  unavailable: boolean;
}

/** What the form fields hold, as text: from a saved profile or as the person typed it. */
export interface ProfileFormValues {
  name: string;
  pronouns: string;
  bio: string;
  goals: string;
  expertise: string;
  interests: string;
  languages: string;
  time_zone: string;
  /** Monday … Sunday. */
  avail: string[];
  contact_start: string;
  contact_end: string;
  channels: string[];
  capacity: string;
  unavailable: boolean;
}

const firstString = (v: unknown): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
};

/** The most each profile field may hold, in characters (the form's `maxlength` and the schema share them). */
export const PROFILE_LIMITS = { name: 100, pronouns: 40, bio: 1000, tags: 1000, availabilityDay: 200 } as const;

const text = (max: number, tooLong: string) =>
  preprocess(firstString, z.string().check(z.trim(), z.maxLength(max, tooLong)));

/** Splits comma-separated text into trimmed, lower-cased, de-duplicated tags. */
export function splitTags(raw: string): string[] {
  const tags = raw
    // The comma as Arabic (،), Chinese and Japanese (，、) keyboards type it, too.
    .split(/[,،，、]/)
    .map((t) => t.trim().replace(/\s+/g, " ").toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** Which list a tag field holds (its error messages name it). */
export type TagListKind = "goals" | "expertise" | "interests" | "languages";

/** A comma-separated tag list field: at most `maxCount` tags, each short and made of ordinary characters. */
export const tagList = (kind: TagListKind, maxCount: number) =>
  z.pipe(
    text(PROFILE_LIMITS.tags, msg("profile.error.tagsTooLong", { kind, max: maxCount })),
    z.transform((raw: string, ctx) => {
      const tags = splitTags(raw);
      const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
      const odd = tags.find((t) => !TAG_PATTERN.test(t));
      const message =
        tags.length > maxCount
          ? msg("profile.error.tooManyTags", { kind, max: maxCount, count: tags.length })
          : long
            ? msg("profile.error.tagTooLong", { max: TAG_MAX_LENGTH, tag: long.slice(0, 20) })
            : odd
              ? msg("profile.error.tagChars", { tag: odd })
              : null;
      if (message) return fail(ctx, message);
      return tags;
    }),
  );

const dayRanges = (day: number) =>
  z.pipe(
    preprocess(
      firstString,
      z
        .string()
        .check(
          z.maxLength(
            PROFILE_LIMITS.availabilityDay,
            msg("profile.error.dayTooLong", { max: PROFILE_LIMITS.availabilityDay }),
          ),
        ),
    ),
    z.transform((raw: string, ctx) => {
      const parsed = parseDay(raw.trim(), day);
      return parsed.ok ? parsed.slots : fail(ctx, parsed.error);
    }),
  );

const clockTime = z.pipe(
  preprocess(firstString, z.string().check(z.trim())),
  z.transform((raw: string, ctx) => {
    const m = TIME.exec(raw);
    const hours = Number(m?.[1]);
    const minutes = Number(m?.[2]);
    if (!m || hours > 23 || minutes > 59) return fail(ctx, msg("profile.error.time"));
    return hours * 60 + minutes;
  }),
);

/** The longest time zone name a field takes (the longest IANA name is 32 characters). */
export const TIME_ZONE_MAX = 64;

/** A time zone field: one of the selectable zones (an old name is read as its current one). */
export const timeZoneField = preprocess(
  (v) => currentZoneName(firstString(v).trim()),
  z
    .string()
    .check(
      z.maxLength(TIME_ZONE_MAX, msg("profile.error.timeZone")),
      z.refine(isKnownTimeZone, msg("profile.error.timeZone")),
    ),
);

const capacityMessage = msg("profile.error.capacity", { max: MAX_CAPACITY });

const channelList = z.pipe(
  preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(CHANNELS, { message: msg("profile.error.channels") })),
  ),
  z.transform((list) => CHANNELS.filter((c) => list.includes(c))),
);

/** Validates the profile form and turns it into the profile columns to store. */
export const profileSchema = z.pipe(
  z
    .object({
      name: preprocess(
        firstString,
        z
          .string()
          .check(
            z.trim(),
            z.minLength(1, msg("profile.error.name")),
            z.maxLength(PROFILE_LIMITS.name, msg("profile.error.nameTooLong", { max: PROFILE_LIMITS.name })),
          ),
      ),
      pronouns: text(PROFILE_LIMITS.pronouns, msg("profile.error.pronouns", { max: PROFILE_LIMITS.pronouns })),
      bio: text(PROFILE_LIMITS.bio, msg("profile.error.bio", { max: PROFILE_LIMITS.bio })),
      goals: tagList("goals", MAX_TAGS),
      expertise: tagList("expertise", MAX_TAGS),
      interests: tagList("interests", MAX_TAGS),
      languages: tagList("languages", MAX_LANGUAGES),
      time_zone: timeZoneField,
      avail_0: dayRanges(0),
      avail_1: dayRanges(1),
      avail_2: dayRanges(2),
      avail_3: dayRanges(3),
      avail_4: dayRanges(4),
      avail_5: dayRanges(5),
      avail_6: dayRanges(6),
      contact_start: clockTime,
      contact_end: clockTime,
      channels: channelList,
      capacity: preprocess(
        (v) => firstString(v).trim() || "0",
        z.pipe(
          z.pipe(z.string().check(z.regex(/^\d{1,3}$/, capacityMessage)), z.transform(Number)),
          z.number().check(z.lte(MAX_CAPACITY, capacityMessage)),
        ),
      ),
      unavailable: preprocess(
        (v) => firstString(v) || undefined,
        z.pipe(
          z.optional(z.literal("1", { message: msg("profile.error.checkbox") })),
          z.transform((v: "1" | undefined) => v === "1"),
        ),
      ),
    })
    .check(
      z.refine((v) => v.contact_end > v.contact_start, {
        path: ["contact_end"],
        message: msg("profile.error.contactOrder"),
        when: (payload) => bothNumbers(payload.value),
      }),
    ),
  z.transform(
    (v): ProfileUpdate => ({
      name: v.name,
      pronouns: v.pronouns,
      bio: v.bio,
      goals: v.goals,
      expertise: v.expertise,
      interests: v.interests,
      languages: v.languages,
      timeZone: v.time_zone,
      availability: [v.avail_0, v.avail_1, v.avail_2, v.avail_3, v.avail_4, v.avail_5, v.avail_6].flat(),
      contactStart: v.contact_start,
      contactEnd: v.contact_end,
      channels: v.channels,
      capacity: v.capacity,
      unavailable: v.unavailable,
    }),
  ),
);

function bothNumbers(value: unknown): boolean {
  const v = value as { contact_start?: unknown; contact_end?: unknown } | null;
  return typeof v?.contact_start === "number" && typeof v.contact_end === "number";
}

/** The form values that show a saved profile. */
export function profileFormValues(p: ProfileUpdate): ProfileFormValues {
  return {
    name: p.name,
    pronouns: p.pronouns,
    bio: p.bio,
    goals: p.goals.join(", "),
    expertise: p.expertise.join(", "),
    interests: p.interests.join(", "),
    languages: p.languages.join(", "),
    time_zone: p.timeZone,
    avail: DAY_NAMES.map((_, day) => formatDay(p.availability, day)),
    contact_start: formatTime(p.contactStart),
    contact_end: formatTime(p.contactEnd),
    channels: [...p.channels],
    capacity: String(p.capacity),
    unavailable: p.unavailable,
  };
}
