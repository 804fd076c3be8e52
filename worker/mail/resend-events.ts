/**
 * Resend's webhook reports about mail it sent (https://resend.com/docs/dashboard/webhooks/introduction): signed by
 * Svix, i.e. Standard Webhooks with `svix-` header names, verified here with the same Standard Webhooks code that signs
 * Trellis's own webhooks (worker/domain/webhooks/signature.ts) and the endpoint's secret (RESEND_WEBHOOK_SECRET). A permanent bounce or a spam complaint makes the address undeliverable
 * and marks the outbox row it was about; a transient bounce is only noted on the row. Other events are acknowledged
 * and ignored.
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { verifyWebhookSignature } from "../domain/webhooks/signature";
import { suppressAddress } from "./suppressions";

/** The path Resend posts its events to. */
export const RESEND_EVENTS_PATH = "/mail/events/resend";

/** The parsed event, or why it was refused. */
export type ResendVerification = { ok: true; event: unknown } | { ok: false; why: "no-secret" | "bad-signature" };

/** Checks a webhook request's Svix signature over the raw body (and its timestamp, within 5 minutes). Never throws. */
export async function verifyResendEvent(env: Env, headers: Headers, body: string): Promise<ResendVerification> {
  if (!env.RESEND_WEBHOOK_SECRET) return { ok: false, why: "no-secret" };
  const signed = await verifyWebhookSignature(
    env.RESEND_WEBHOOK_SECRET,
    {
      id: headers.get("svix-id") ?? "",
      timestamp: headers.get("svix-timestamp") ?? "",
      signature: headers.get("svix-signature") ?? "",
    },
    body,
  );
  if (!signed) return { ok: false, why: "bad-signature" };
  try {
    return { ok: true, event: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, why: "bad-signature" };
  }
}

/** What an event changed: "suppressed" (addresses marked), "noted" (a transient bounce), or "ignored". */
export type ResendEventResult = "suppressed" | "noted" | "ignored";

interface BounceData {
  email_id?: unknown;
  to?: unknown;
  bounce?: { type?: unknown; subType?: unknown; message?: unknown };
}

/** Applies a verified event. */
export async function applyResendEvent(env: Env, event: unknown, now = Date.now()): Promise<ResendEventResult> {
  if (!event || typeof event !== "object") return "ignored";
  const { type, data } = event as { type?: unknown; data?: BounceData };
  if ((type !== "email.bounced" && type !== "email.complained") || !data || typeof data !== "object") return "ignored";
  const providerId = typeof data.email_id === "string" ? data.email_id : null;
  const to = (Array.isArray(data.to) ? data.to : [data.to]).filter((t): t is string => typeof t === "string");
  const row = providerId
    ? await db(env)
        .select({ id: notifications.id, toEmail: notifications.toEmail })
        .from(notifications)
        .where(eq(notifications.providerId, providerId))
        .get()
    : undefined;
  const recipients = to.length ? to : row ? [row.toEmail] : [];

  if (type === "email.complained") {
    const reason = "the recipient marked a mail as spam";
    for (const email of recipients)
      await suppressAddress(env, email, { kind: "complaint", reason, at: now, notificationId: row?.id });
    if (row) await markRow(env, row.id, `complaint: ${reason}`);
    return "suppressed";
  }
  const bounceType = typeof data.bounce?.type === "string" ? data.bounce.type : "";
  const detail = [data.bounce?.subType, data.bounce?.message].filter((p) => typeof p === "string" && p).join(": ");
  const reason = `${bounceType || "bounce"}${detail ? ` - ${detail}` : ""}`.slice(0, 200);
  if (bounceType !== "Permanent") {
    if (row)
      await db(env)
        .update(notifications)
        .set({ error: `temporary bounce: ${reason}` })
        .where(eq(notifications.id, row.id));
    return "noted";
  }
  for (const email of recipients)
    await suppressAddress(env, email, { kind: "bounce", reason, at: now, notificationId: row?.id });
  if (row) await markRow(env, row.id, `bounced: ${reason}`);
  return "suppressed";
}

async function markRow(env: Env, id: string, error: string): Promise<void> {
  await db(env).update(notifications).set({ status: "bounced", error }).where(eq(notifications.id, id));
}
