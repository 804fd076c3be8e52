/** The program form: what a coordinator sets when creating or editing a program. */
import * as z from "./zod";
import { matchingModes, programTypes, roles } from "./vocabulary";

/** A form field holding a whole number between min and max, with messages naming the field. */
export const wholeNumber = (label: string, min: number, max: number) =>
  z.pipe(
    z.pipe(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, `Enter the ${label}.`),
          z.regex(/^\d+$/, `The ${label} must be a whole number.`),
        ),
      z.transform(Number),
    ),
    z
      .number()
      .check(z.gte(min, `The ${label} must be at least ${min}.`), z.lte(max, `The ${label} must be at most ${max}.`)),
  );

export const PROGRAM_TYPE_LABELS: Record<(typeof programTypes)[number], string> = {
  "one-to-one": "One-to-one",
  group: "Group (one mentor, several mentees)",
  peer: "Peer (everyone mentors and is mentored)",
  reverse: "Reverse (junior mentors senior)",
};

export const MATCHING_MODE_LABELS: Record<(typeof matchingModes)[number], string> = {
  coordinator: "Coordinator-led: Trellis proposes, you approve",
  self: "Self-match: mentees pick, mentors accept",
};

/** The most a program's name and description may hold, in characters. */
export const PROGRAM_LIMITS = { name: 100, description: 2000 } as const;

/** Validates the create/edit program form. */
export const programSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Give the program a name."),
      z.maxLength(PROGRAM_LIMITS.name, `Keep the name under ${PROGRAM_LIMITS.name} characters.`),
    ),
  description: z._default(
    z.string().check(z.trim(), z.maxLength(PROGRAM_LIMITS.description, "Keep the description under 2,000 characters.")),
    "",
  ),
  type: z.enum(programTypes, { message: "Choose one of the program types." }),
  length_weeks: wholeNumber("length in weeks", 1, 104),
  cadence_days: wholeNumber("check-in cadence in days", 1, 90),
  matching_mode: z.enum(matchingModes, { message: "Choose how people are matched." }),
});

export type ProgramInput = z.infer<typeof programSchema>;

/** An email address field with a message that says what to enter. */
export const emailField = (missing: string) =>
  z
    .string({ message: missing })
    .check(
      z.trim(),
      z.toLowerCase(),
      z.minLength(1, missing),
      z.maxLength(254, "That address is too long."),
      z.email("Enter an email address like name@example.org."),
    );

/** Validates the invite form. */
export const inviteSchema = z.object({
  email: emailField("Enter the address to invite."),
  role: z.enum(roles, { message: "Choose mentor, mentee or coordinator." }),
});

/**
 * Invitations one click of "Email invitations" claims: the request only stamps them in one statement; a bulk-mail
 * Workflow then mails them in batches. The cap keeps the Workflow's parameters small (about 100 bytes a person).
 */
export const INVITE_BATCH = 2000;
