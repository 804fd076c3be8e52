/** The program form: what a coordinator sets when creating or editing a program. */
import { LOCALES } from "./i18n/locales";
import { type MessageId, msg } from "./i18n/translate";
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

/** The messages a whole-number field of the program form shows: empty, not a whole number, out of range. */
interface WholeNumberMessages {
  missing: MessageId;
  notWhole: MessageId;
  range: MessageId;
}

/** A form field holding a whole number between min and max, with translated messages naming the field. */
const wholeNumberIn = (ids: WholeNumberMessages, min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim(), z.minLength(1, msg(ids.missing)), z.regex(/^\d+$/, msg(ids.notWhole))),
      z.transform(Number),
    ),
    z.number().check(z.gte(min, msg(ids.range, { min, max })), z.lte(max, msg(ids.range, { min, max }))),
  );

/** Each program type's name, as a message id. */
export const PROGRAM_TYPE_LABELS: Record<(typeof programTypes)[number], MessageId> = {
  "one-to-one": "programs.type.oneToOne",
  group: "programs.type.group",
  peer: "programs.type.peer",
  reverse: "programs.type.reverse",
};

/** Each role's name, as a message id. */
export const ROLE_NAMES: Record<(typeof roles)[number], MessageId> = {
  coordinator: "programs.role.coordinator",
  mentor: "programs.role.mentor",
  mentee: "programs.role.mentee",
};

/** A role's name as a message id, or null for a word this version does not know. */
export const roleName = (role: string): MessageId | null =>
  Object.hasOwn(ROLE_NAMES, role) ? ROLE_NAMES[role as (typeof roles)[number]] : null;

/** Each matching mode's name, as a message id. */
export const MATCHING_MODE_LABELS: Record<(typeof matchingModes)[number], MessageId> = {
  coordinator: "programs.mode.coordinator",
  self: "programs.mode.self",
};

/** The most a program's name and description may hold, in characters. */
export const PROGRAM_LIMITS = { name: 100, description: 2000 } as const;

/** Validates the create/edit program form. */
export const programSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, msg("programs.error.name")),
      z.maxLength(PROGRAM_LIMITS.name, msg("programs.error.nameLong", { max: PROGRAM_LIMITS.name })),
    ),
  description: z._default(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(
          PROGRAM_LIMITS.description,
          msg("programs.error.descriptionLong", { max: PROGRAM_LIMITS.description }),
        ),
      ),
    "",
  ),
  type: z.enum(programTypes, { message: msg("programs.error.type") }),
  length_weeks: wholeNumberIn(
    { missing: "programs.error.weeks", notWhole: "programs.error.weeksWhole", range: "programs.error.weeksRange" },
    1,
    104,
  ),
  cadence_days: wholeNumberIn(
    {
      missing: "programs.error.cadence",
      notWhole: "programs.error.cadenceWhole",
      range: "programs.error.cadenceRange",
    },
    1,
    90,
  ),
  matching_mode: z.enum(matchingModes, { message: msg("programs.error.mode") }),
  /** The language for members who chose none; absent (a form without the select) leaves it unset. */
  language: z.optional(z.enum(LOCALES, { message: msg("programs.error.language") })),
  /**
   * The single sign-on provider mentors and mentees must use ("" for none); absent (no providers configured, so no
   * select) leaves it unchanged. The route checks the id is a configured provider.
   */
  sso_provider: z.optional(z.string().check(z.trim(), z.maxLength(32, msg("sso.program.error")))),
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
      z.maxLength(254, msg("signin.error.tooLong")),
      z.email(msg("signin.error.email")),
    );

/** Validates the invite form. */
export const inviteSchema = z.object({
  email: emailField(msg("programs.invite.error.email")),
  role: z.enum(roles, { message: msg("programs.invite.error.role") }),
});

/**
 * Invitations one click of "Email invitations" claims: the request only stamps them in one statement; a bulk-mail
 * Workflow then mails them in batches. The cap keeps the Workflow's parameters small (about 100 bytes a person).
 */
export const INVITE_BATCH = 2000;
