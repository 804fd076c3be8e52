/**
 * The onboarding steps' forms: each validates its own few fields and yields just the profile columns it changes, so
 * a step saves on its own and a refused step stores nothing.
 */
import { z } from "zod";
import { MAX_CAPACITY, MAX_LANGUAGES, MAX_TAGS, type ProfileUpdate, tagList, timeZoneField } from "../profile";
import { gridToSlots } from "./availability-grid";
import type { OnboardingStep } from "./completeness";

const atLeastOne = (message: string) => z.array(z.string()).min(1, message);

const cells = z
  .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(10)).max(1000))
  .transform((values, ctx) => {
    const grid = gridToSlots(values);
    if (!grid.ok) {
      ctx.addIssue({ code: "custom", message: grid.error });
      return z.NEVER;
    }
    return grid.slots;
  });

const capacityMessage = `Enter how many people you can mentor at once: a whole number from 1 to ${MAX_CAPACITY}.`;

/** Each step's schema: form text in, the profile columns that step changes out. */
export const STEP_SCHEMAS = {
  "time-zone": z.object({ time_zone: timeZoneField }).transform((v) => ({ timeZone: v.time_zone })),
  availability: z.object({ cell: cells }).transform((v) => ({ availability: v.cell })),
  languages: z
    .object({
      languages: tagList("languages", MAX_LANGUAGES).pipe(atLeastOne("List at least one language you can meet in.")),
    })
    .transform((v) => ({ languages: v.languages })),
  goals: z
    .object({ goals: tagList("goals", MAX_TAGS).pipe(atLeastOne("List at least one thing you want to work on.")) })
    .transform((v) => ({ goals: v.goals })),
  mentoring: z
    .object({
      expertise: tagList("areas of expertise", MAX_TAGS).pipe(atLeastOne("List at least one area you can help with.")),
      capacity: z.preprocess(
        (v) => (typeof v === "string" ? v.trim() : Array.isArray(v) && typeof v[0] === "string" ? v[0].trim() : ""),
        z
          .string()
          .regex(/^\d{1,3}$/, capacityMessage)
          .transform(Number)
          .pipe(z.number().min(1, capacityMessage).max(MAX_CAPACITY, capacityMessage)),
      ),
    })
    .transform((v) => ({ expertise: v.expertise, capacity: v.capacity })),
} satisfies Record<OnboardingStep, z.ZodType<Partial<ProfileUpdate>>>;
