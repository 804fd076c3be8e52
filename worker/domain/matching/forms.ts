/** The matching forms' schemas: pairing people by hand, changing a mentor, swapping, avoid lists. */
import { msg } from "../i18n/translate";
import * as z from "../zod";
import { emailField } from "../program";

/** Adds a pair by hand (mentee and mentor by email). */
export const addPairSchema = z.object({
  mentee_email: emailField(msg("matching.form.menteeEmail")),
  mentor_email: emailField(msg("matching.form.mentorEmail")),
});

/** Gives a proposal another mentor. */
export const mentorSchema = z.object({ mentor_email: emailField(msg("matching.form.mentorEmail")) });

/** Swaps mentors with the proposal of another mentee. */
export const swapSchema = z.object({ other_email: emailField(msg("matching.form.otherEmail")) });

/** Puts two people on each other's avoid list. */
export const avoidSchema = z
  .object({
    person_email: emailField(msg("matching.form.personEmail")),
    avoid_email: emailField(msg("matching.form.avoidEmail")),
  })
  .check(
    z.refine((v) => v.person_email !== v.avoid_email, {
      message: msg("matching.form.twoPeople"),
      path: ["avoid_email"],
    }),
  );

/** Approves one proposal, or all of them. */
export const approveSchema = z.object({
  proposal_id: z.optional(z.string().check(z.maxLength(64))),
  all: z.optional(z.literal("1")),
  undo: z.optional(z.literal("1")),
});
