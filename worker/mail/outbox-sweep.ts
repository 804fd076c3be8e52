/**
 * The outbox sweep (the 5-minute cron): hands over again what is due and has not left. Without QStash, mail held back
 * for the recipient's contact hours is sent once its not-before time has come, and failed sends are tried again up to
 * MAX_ATTEMPTS; with QStash, failed publishes are published again (QStash itself holds the not-before times and retries
 * deliveries). Rows older than a week are left alone: by then a mail is news nobody wants (replay them by hand, see
 * docs/mail.md).
 */
import { and, asc, eq, gt, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { MAX_ATTEMPTS } from "./delivery";
import { handOverPending } from "./mail-outbox";
import { transportName } from "./transport";

/** Rows one sweep takes at most (the next sweep takes the rest). */
export const SWEEP_LIMIT = 200;
/** How old a row may be for the sweep to still send it. */
export const SWEEP_MAX_AGE_MS = 7 * 86_400_000;

/** Hands over the due rows; returns how many it offered. */
export async function sweepOutbox(env: Env, now = Date.now()): Promise<number> {
  const transport = transportName(env);
  if (transport !== "qstash" && transport !== "direct") return 0;
  const d = db(env);
  const due =
    transport === "direct" ? or(isNull(notifications.notBefore), lte(notifications.notBefore, now)) : undefined;
  const rows = await d
    .select({ id: notifications.id, status: notifications.status })
    .from(notifications)
    .where(
      and(
        eq(notifications.transport, transport),
        gt(notifications.createdAt, now - SWEEP_MAX_AGE_MS),
        or(
          and(eq(notifications.status, "pending"), due),
          and(eq(notifications.status, "failed"), lt(notifications.attempts, MAX_ATTEMPTS)),
        ),
      ),
    )
    .orderBy(asc(notifications.createdAt))
    .limit(SWEEP_LIMIT);
  if (rows.length === 0) return 0;
  const failed = rows.filter((r) => r.status === "failed").map((r) => r.id);
  if (failed.length) {
    // Failed rows go back to pending to be handed over again, 90 ids a statement (D1 binds at most 100 parameters).
    for (let i = 0; i < failed.length; i += 90)
      await d
        .update(notifications)
        .set({ status: "pending" })
        .where(and(inArray(notifications.id, failed.slice(i, i + 90)), eq(notifications.status, "failed")));
  }
  const ids = rows.map((r) => r.id);
  await handOverPending(env, ids, now);
  return ids.length;
}
