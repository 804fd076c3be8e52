/** The email that carries an invitation link, and the batches of a bulk invitation mailing. */
import { eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { people } from "../db/schema";
import { mailLocale, type Locale } from "../domain/i18n/locales";
import { greeting, translator } from "../domain/i18n/translate";
import type { Role } from "../domain/vocabulary";
import { type BulkMailParams, batchOf, recordBatchDone } from "../mail/mail-jobs";
import { type MailInput, sendMail } from "../mail/mail-outbox";
import { existingNotificationIds } from "../mail/notification-rows";
import { issueInvitations } from "./invitations";

/** How many days an invitation link works (worker/programs/invitations.ts holds the rule). */
const INVITATION_DAYS = 14;

/**
 * The language of an invitation: the invitee's own choice, else `fallback` (the program's language, else the page
 * language of the coordinator who invited).
 */
export function invitationLocale(own: string | null | undefined, fallback: Locale): Locale {
  return mailLocale(own, fallback);
}

/** Builds the invitation email in `locale`: which program, which role, who invites, and the single-use link. */
export function invitationMail({
  to,
  name,
  programName,
  role,
  inviter,
  link,
  locale,
}: {
  to: string;
  /** The invited person's name when Trellis knows it (an import gave it, or they have an account): the greeting. */
  name?: string;
  programName: string;
  role: Role;
  inviter: string;
  link: string;
  /** The invitee's language (see `invitationLocale`). */
  locale: Locale;
}): MailInput {
  const t = translator(locale);
  const body = t("programs.inviteMail.body", {
    inviter: inviter || t("programs.inviteMail.aCoordinator"),
    program: programName,
    role,
  });
  return {
    to,
    kind: "invitation",
    subject: t("programs.inviteMail.subject", { program: programName }),
    text: `${greeting(name ?? "", t)}\n\n${body}\n\n${t("programs.inviteMail.accept")}\n\n${link}\n\n${t("programs.inviteMail.expiry", { days: INVITATION_DAYS })}\n`,
  };
}

/** The names people have (empty when none) and the languages they chose, by id. */
async function inviteesOf(
  env: Env,
  personIds: string[],
): Promise<Map<string, { name: string; language: string | null }>> {
  if (personIds.length === 0) return new Map();
  const rows = await db(env)
    .select({ id: people.id, name: people.name, language: people.language })
    .from(people)
    .where(inArray(people.id, personIds));
  return new Map(rows.map((r) => [r.id, { name: r.name.trim(), language: r.language }]));
}

/** The language the person with this address chose, or null (also when Trellis does not know them yet). */
export async function chosenLanguageOf(env: Env, email: string): Promise<string | null> {
  const row = await db(env).select({ language: people.language }).from(people).where(eq(people.email, email)).get();
  return row?.language ?? null;
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
  const invitees = await inviteesOf(
    env,
    todo.map((t) => t.personId),
  );
  const fallback = mailLocale(p.locale);
  for (const [i, t] of todo.entries()) {
    const link = `${p.origin}/invitations/${tokens[i]}`;
    await sendMail(
      env,
      invitationMail({
        to: t.email,
        name: invitees.get(t.personId)?.name,
        programName: p.programName,
        role: t.role,
        inviter: p.inviter,
        link,
        locale: invitationLocale(invitees.get(t.personId)?.language, fallback),
      }),
      now,
      invitationMailId(p.jobId, t.personId, t.role),
    );
  }
  await recordBatchDone(env, p.jobId, index);
  return todo.length;
}
