/**
 * Emailing a program's participants: the confirmation starts a bulk mailing (one Workflow, batches of recipients) and
 * logs it once; each batch mails its recipients through `notify` with an id fixed per key and person, so a batch that
 * runs again after a restart sends nobody a second mail.
 */
import { recordAudit } from "../audit/audit-log";
import type { ProgramMessage, Recipient } from "../domain/coordinator/audience";
import { type BulkMailParams, batchOf, recordBatchDone, startMailJob } from "../mail/mail-jobs";
import { notify } from "../mail/notify";
import { mailLocale } from "../domain/i18n/locales";
import { greeting, type MessageId, translator } from "../domain/i18n/translate";
import { recipientLanguages } from "../programs/program-language";
import { KEY_REUSED, keyState } from "./confirm-key";

/** The chosen addresses that are not active participants of the program. */
export function unknownAddresses(emails: string[], found: Recipient[]): string[] {
  const known = new Set(found.map((r) => r.email.toLowerCase()));
  return emails.filter((e) => !known.has(e));
}

/** The id of one recipient's mail of one confirmed message. */
export function programMessageMailId(key: string, personId: string): string {
  return `program-message:${key}:${personId}`;
}

/**
 * Starts mailing each recipient (their preferences apply) as a bulk mailing whose id is the confirmation key, then
 * logs it once. A repeated confirmation starts nothing new (`repeated`).
 */
export async function sendProgramMessage(
  env: Env,
  send: {
    programId: string;
    programName: string;
    message: ProgramMessage;
    recipients: Recipient[];
    key: string;
    actorId: string;
    origin: string;
  },
): Promise<{ ok: true; repeated: boolean } | { ok: false; error: MessageId }> {
  const state = await keyState(env, send.key, "program.message", send.actorId);
  if (state === "done") return { ok: true, repeated: true };
  if (state === "other") return { ok: false, error: KEY_REUSED };
  await startMailJob(env, {
    kind: "program-message",
    jobId: send.key,
    programId: send.programId,
    programName: send.programName,
    subject: send.message.subject,
    body: send.message.body,
    origin: send.origin,
    recipientIds: send.recipients.map((r) => r.id),
  });
  const { audience, stage, subject } = send.message;
  await recordAudit(env, {
    id: send.key,
    programId: send.programId,
    actorId: send.actorId,
    action: "program.message",
    detail: { audience, ...(stage ? { stage } : {}), count: send.recipients.length, subject },
  });
  return { ok: true, repeated: false };
}

/** Mails batch `index` of a confirmed message (a Workflow step; safe to run again). */
export async function sendProgramMessageBatch(
  env: Env,
  p: Extract<BulkMailParams, { kind: "program-message" }>,
  index: number,
): Promise<number> {
  const batch = batchOf(p.recipientIds, index);
  const recipients = await recipientLanguages(env, p.programId, batch);
  for (const personId of batch) {
    // The coordinator's words as written; the greeting and the signature in the recipient's language.
    const to = recipients.get(personId);
    const t = translator(mailLocale(to?.language));
    await notify(env, {
      id: programMessageMailId(p.jobId, personId),
      personId,
      category: "program",
      kind: "program-message",
      subject: p.subject,
      text: `${greeting(to?.name ?? "", t)}\n\n${p.body}\n\n${t("programs.messageMail.from", { program: p.programName })}`,
      origin: p.origin,
    });
  }
  await recordBatchDone(env, p.jobId, index);
  return batch.length;
}
