/** The email that carries an invitation link, and the batches of a bulk invitation mailing. */
import { inArray } from "drizzle-orm";
import { db } from "../db/client";
import { people } from "../db/schema";
import type { Role } from "../domain/vocabulary";
import { type BulkMailParams, batchOf, recordBatchDone } from "../mail/mail-jobs";
import { type MailInput, sendMail } from "../mail/mail-outbox";
import { existingNotificationIds } from "../mail/notification-rows";
import { issueInvitations } from "./invitations";

/** Builds the invitation email: which program, which role, who invites, and the single-use link. */
export function invitationMail({
  to,
  name,
  programName,
  role,
  inviter,
  link,
}: {
  to: string;
  /** The invited person's name when Trellis knows it (an import gave it, or they have an account): the greeting. */
  name?: string;
  programName: string;
  role: Role;
  inviter: string;
  link: string;
}): MailInput {
  return {
    to,
    kind: "invitation",
    subject: `You're invited to ${programName} on Trellis`,
    text: `Hello${name?.trim() ? ` ${name.trim()}` : ""},\n\n${inviter || "A coordinator"} invites you to join "${programName}" as a ${role}.\n\nAccept the invitation here:\n\n${link}\n\nThe link works once and for 14 days.\n`,
  };
}

/** The names people have (those without one are left out), by id. */
async function namesOf(env: Env, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db(env)
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, personIds));
  return new Map(rows.filter((r) => r.name.trim()).map((r) => [r.id, r.name]));
}

/** The id of the invitation mail one bulk mailing sends one person for one role. */
export function invitationMailId(jobId: string, personId: string, role: Role): string {
  return `invitation:${jobId}:${personId}:${role}`;
}

/**
 * Mails batch `index` of a bulk invitation mailing (a Workflow step; safe to run again): people whose mail of this
 * mailing exists already are skipped; the others get a fresh invitation token and its mail. (A token issued by a run
 * that stopped before its mail was written is never mailed, and expires unused.)
 */
export async function sendInvitationBatch(
  env: Env,
  p: Extract<BulkMailParams, { kind: "invitations" }>,
  index: number,
  now = Date.now(),
): Promise<number> {
  const batch = batchOf(p.targets, index);
  const ids = batch.map((t) => invitationMailId(p.jobId, t.personId, t.role));
  const existing = await existingNotificationIds(env, ids);
  const todo = batch.filter((_, i) => !existing.has(ids[i]!));
  const tokens = await issueInvitations(env, p.programId, todo, now);
  const names = await namesOf(
    env,
    todo.map((t) => t.personId),
  );
  for (const [i, t] of todo.entries()) {
    const link = `${p.origin}/invitations/${tokens[i]}`;
    await sendMail(
      env,
      invitationMail({
        to: t.email,
        name: names.get(t.personId),
        programName: p.programName,
        role: t.role,
        inviter: p.inviter,
        link,
      }),
      now,
      invitationMailId(p.jobId, t.personId, t.role),
    );
  }
  await recordBatchDone(env, p.jobId, index);
  return todo.length;
}
