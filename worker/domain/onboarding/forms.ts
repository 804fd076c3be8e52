/**
 * The onboarding steps' forms: each validates its own few fields and yields just the profile columns it changes, so
 * a step saves on its own and a refused step stores nothing.
 */
import { MAX_CAPACITY, MAX_LANGUAGES, MAX_TAGS, type ProfileUpdate, tagList, timeZoneField } from "../profile";
import { msg } from "../i18n/translate";
import * as z from "../zod";
import { gridToSlots } from "./availability-grid";
import type { OnboardingStep } from "./completeness";

const atLeastOne = (message: string) => z.array(z.string()).check(z.minLength(1, message));

const cells = z.pipe(
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().check(z.maxLength(10))).check(z.maxLength(1000)),
  ),
  z.transform((values: string[], ctx) => {
    const grid = gridToSlots(values);
    return grid.ok ? grid.slots : z.fail(ctx, grid.error);
  }),
);

const capacityMessage = msg("onboarding.error.capacity", { max: MAX_CAPACITY });

const capacity = z.pipe(
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : Array.isArray(v) && typeof v[0] === "string" ? v[0].trim() : ""),
    z.string().check(z.regex(/^\d{1,3}$/, capacityMessage)),
  ),
  z.pipe(
    z.transform((v: string) => Number(v)),
    z.number().check(z.minimum(1, capacityMessage), z.maximum(MAX_CAPACITY, capacityMessage)),
  ),
);

/** Each step's schema: form text in, the profile columns that step changes out. */
export const STEP_SCHEMAS = {
  "time-zone": z.pipe(
    z.object({ time_zone: timeZoneField }),
    z.transform((v: { time_zone: string }) => ({ timeZone: v.time_zone })),
  ),
  availability: z.pipe(
    z.object({ cell: cells }),
    z.transform((v: { cell: ProfileUpdate["availability"] }) => ({ availability: v.cell })),
  ),
  languages: z.pipe(
    z.object({
      languages: z.pipe(tagList("languages", MAX_LANGUAGES), atLeastOne(msg("onboarding.error.languages"))),
    }),
    z.transform((v: { languages: string[] }) => ({ languages: v.languages })),
  ),
  goals: z.pipe(
    z.object({ goals: z.pipe(tagList("goals", MAX_TAGS), atLeastOne(msg("onboarding.error.goals"))) }),
    z.transform((v: { goals: string[] }) => ({ goals: v.goals })),
  ),
  mentoring: z.pipe(
    z.object({
      expertise: z.pipe(tagList("expertise", MAX_TAGS), atLeastOne(msg("onboarding.error.expertise"))),
      capacity,
    }),
    z.transform((v: { expertise: string[]; capacity: number }) => ({ expertise: v.expertise, capacity: v.capacity })),
  ),
} satisfies Record<OnboardingStep, z.ZodMiniType<Partial<ProfileUpdate>>>;
