/**
 * Undeliverable addresses (table `mail_suppressions`): an address the sending service reported as a hard bounce or a
 * spam complaint gets no more mail. The delivery step checks here before each send (worker/mail/delivery.ts);
 * coordinators see the badge on their participant lists. A sign-in link is still sent (see docs/mail.md), and a
 * person who signs in with an emailed link proves the address works again, which clears it.
 */
import { eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { mailSuppressions } from "../db/schema";
import type { suppressionKinds } from "../domain/vocabulary";

/** Why an address gets no mail. */
export interface Suppression {
  kind: (typeof suppressionKinds)[number];
  reason: string;
  at: number;
}

/** Marks an address undeliverable (a later report replaces an earlier one). */
export async function suppressAddress(
  env: Env,
  email: string,
  report: Suppression & { notificationId?: string | null },
): Promise<void> {
  const row = {
    email: email.trim().toLowerCase(),
    kind: report.kind,
    reason: report.reason.slice(0, 300),
    at: report.at,
    notificationId: report.notificationId ?? null,
  };
  await db(env)
    .insert(mailSuppressions)
    .values(row)
    .onConflictDoUpdate({
      target: mailSuppressions.email,
      set: { kind: row.kind, reason: row.reason, at: row.at, notificationId: row.notificationId },
    });
}

/** Why an address is undeliverable, or null when mail may go to it. */
export async function suppressionOf(env: Env, email: string): Promise<Suppression | null> {
  const row = await db(env)
    .select({ kind: mailSuppressions.kind, reason: mailSuppressions.reason, at: mailSuppressions.at })
    .from(mailSuppressions)
    .where(eq(mailSuppressions.email, email.trim().toLowerCase()))
    .get();
  return row ?? null;
}

/** The undeliverable ones among `emails`, by lower-cased address (for lists of participants). */
export async function suppressionsOf(env: Env, emails: string[]): Promise<Map<string, Suppression>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = new Map<string, Suppression>();
  // D1 binds at most 100 parameters a statement.
  for (let i = 0; i < wanted.length; i += 90) {
    const rows = await db(env)
      .select()
      .from(mailSuppressions)
      .where(inArray(mailSuppressions.email, wanted.slice(i, i + 90)));
    for (const r of rows) found.set(r.email, { kind: r.kind, reason: r.reason, at: r.at });
  }
  return found;
}

/** Mail may go to the address again (its owner proved it works, or an operator cleared it). */
export async function clearSuppression(env: Env, email: string): Promise<void> {
  await db(env).delete(mailSuppressions).where(eq(mailSuppressions.email, email.trim().toLowerCase()));
}
