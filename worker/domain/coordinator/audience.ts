/** Who a program message goes to, and the rules for its subject and body. Pure. */
import { pairingStages } from "../vocabulary";

export const AUDIENCES = ["all", "mentors", "mentees", "at-risk", "stage", "chosen"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: "All active participants",
  mentors: "Mentors only",
  mentees: "Mentees only",
  "at-risk": "Members of pairings at risk",
  stage: "Members of pairings in a stage",
  chosen: "People I choose",
};

export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;
/** How many addresses the "people I choose" box takes. */
export const CHOSEN_MAX = 2000;

/** A checked message: the audience (and its stage or chosen addresses), subject and body. */
export interface ProgramMessage {
  audience: Audience;
  stage: string | null;
  emails: string[];
  subject: string;
  body: string;
}

/** Splits pasted addresses (commas, semicolons, spaces or lines), lower-cased, without repeats. */
export function emailList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Checks the message form; per-field messages on failure. */
export function parseProgramMessage(
  values: Record<string, string>,
): { ok: true; message: ProgramMessage } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const audience = (AUDIENCES as readonly string[]).includes(values.audience ?? "")
    ? (values.audience as Audience)
    : null;
  if (!audience) errors.audience = "Choose who gets the message.";
  const stage = audience === "stage" ? (values.stage ?? "") : null;
  if (stage !== null && !(pairingStages as readonly string[]).includes(stage)) errors.stage = "Choose a stage.";
  const emails = audience === "chosen" ? emailList(values.emails ?? "") : [];
  if (audience === "chosen" && emails.length === 0)
    errors.emails = "Type or paste the addresses of the people to write to.";
  else if (emails.length > CHOSEN_MAX)
    errors.emails = `At most ${CHOSEN_MAX} addresses; choose an audience above for more.`;
  else if (emails.some((e) => e.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(e)))
    errors.emails = `Not an email address: ${emails.find((e) => e.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(e))!.slice(0, 80)}`;
  const subject = (values.subject ?? "").trim();
  if (!subject) errors.subject = "Write a subject.";
  else if (subject.length > SUBJECT_MAX)
    errors.subject = `Keep the subject to ${SUBJECT_MAX} characters; this one is ${subject.length}.`;
  else if (/[\r\n]/.test(subject)) errors.subject = "The subject must be one line.";
  const body = (values.body ?? "").replace(/\r\n/g, "\n").trim();
  if (!body) errors.body = "Write the message.";
  else if (body.length > BODY_MAX)
    errors.body = `Messages can be up to ${BODY_MAX} characters; this one is ${body.length}.`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, message: { audience: audience!, stage, emails, subject, body } };
}

/**
 * A person's first name for the confirmation ("Ana" from "Ana Lima"; the address's local part when they have no name).
 */
export function firstName(name: string, email: string): string {
  return name.trim().split(/\s+/)[0] || email.split("@")[0] || email;
}

/** A recipient as the confirmation shows them. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
}
