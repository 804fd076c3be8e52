/** Emailing a program's participants: sending once per recipient per confirmation, and logging it. */
import { recordAudit } from "../audit/audit-log";
import type { ProgramMessage, Recipient } from "../domain/coordinator/audience";
import { notify } from "../mail/notify";
import { KEY_REUSED, keyState } from "./confirm-key";

/** The chosen addresses that are not active participants of the program. */
export function unknownAddresses(emails: string[], found: Recipient[]): string[] {
  const known = new Set(found.map((r) => r.email.toLowerCase()));
  return emails.filter((e) => !known.has(e));
}

/** Mails each recipient through `notify` (their preferences apply; id fixed per key and person), then logs it once. */
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
): Promise<{ ok: true; repeated: boolean } | { ok: false; error: string }> {
  const state = await keyState(env, send.key, "program.message", send.actorId);
  if (state === "done") return { ok: true, repeated: true };
  if (state === "other") return { ok: false, error: KEY_REUSED };
  for (const r of send.recipients) {
    await notify(env, {
      id: `program-message:${send.key}:${r.id}`,
      personId: r.id,
      category: "program",
      kind: "program-message",
      subject: send.message.subject,
      text: `${send.message.body}\n\n(From the coordinators of ${send.programName}.)`,
      origin: send.origin,
    });
  }
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
