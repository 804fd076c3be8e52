/** The matching forms' schemas: pairing people by hand, changing a mentor, swapping, avoid lists. */
import * as z from "../zod";
import { emailField } from "../program";

/** Adds a pair by hand (mentee and mentor by email). */
export const addPairSchema = z.object({
  mentee_email: emailField("Enter the mentee's email."),
  mentor_email: emailField("Enter the mentor's email."),
});

/** Gives a proposal another mentor. */
export const mentorSchema = z.object({ mentor_email: emailField("Enter the mentor's email.") });

/** Swaps mentors with the proposal of another mentee. */
export const swapSchema = z.object({ other_email: emailField("Enter the other proposal's mentee email.") });

/** Puts two people on each other's avoid list. */
export const avoidSchema = z
  .object({
    person_email: emailField("Enter the person's email."),
    avoid_email: emailField("Enter the email of the person to avoid."),
  })
  .check(
    z.refine((v) => v.person_email !== v.avoid_email, {
      message: "Enter two different people.",
      path: ["avoid_email"],
    }),
  );

/** Approves one proposal, or all of them. */
export const approveSchema = z.object({
  proposal_id: z.optional(z.string().check(z.maxLength(64))),
  all: z.optional(z.literal("1")),
  undo: z.optional(z.literal("1")),
});
