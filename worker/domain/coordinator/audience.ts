/** Who a program message goes to, and the rules for its subject and body. Pure. */
import { type MessageId, msg } from "../i18n/translate";
import { pairingStages } from "../vocabulary";

export const AUDIENCES = ["all", "mentors", "mentees", "at-risk", "stage", "chosen"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Each audience's name, as a message id. */
export const AUDIENCE_LABELS: Record<Audience, MessageId> = {
  all: "programs.audience.all",
  mentors: "programs.audience.mentors",
  mentees: "programs.audience.mentees",
  "at-risk": "programs.audience.atRisk",
  stage: "programs.audience.stage",
  chosen: "programs.audience.chosen",
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

/** Checks the message form; per-field messages (`msg` ids) on failure. */
export function parseProgramMessage(
  values: Record<string, string>,
): { ok: true; message: ProgramMessage } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const audience = (AUDIENCES as readonly string[]).includes(values.audience ?? "")
    ? (values.audience as Audience)
    : null;
  if (!audience) errors.audience = msg("programs.message.error.audience");
  const stage = audience === "stage" ? (values.stage ?? "") : null;
  if (stage !== null && !(pairingStages as readonly string[]).includes(stage))
    errors.stage = msg("programs.message.error.stage");
  const emails = audience === "chosen" ? emailList(values.emails ?? "") : [];
  if (audience === "chosen" && emails.length === 0) errors.emails = msg("programs.message.error.emails");
  else if (emails.length > CHOSEN_MAX) errors.emails = msg("programs.message.error.tooMany", { max: CHOSEN_MAX });
  else if (emails.some((e) => e.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(e)))
    errors.emails = msg("programs.message.error.notEmail", {
      text: emails.find((e) => e.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(e))!.slice(0, 80),
    });
  const subject = (values.subject ?? "").trim();
  if (!subject) errors.subject = msg("programs.message.error.subject");
  else if (subject.length > SUBJECT_MAX)
    errors.subject = msg("programs.message.error.subjectLong", { max: SUBJECT_MAX, length: subject.length });
  else if (/[\r\n]/.test(subject)) errors.subject = msg("programs.message.error.subjectLine");
  const body = (values.body ?? "").replace(/\r\n/g, "\n").trim();
  if (!body) errors.body = msg("programs.message.error.body");
  else if (body.length > BODY_MAX)
    errors.body = msg("programs.message.error.bodyLong", { max: BODY_MAX, length: body.length });
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
