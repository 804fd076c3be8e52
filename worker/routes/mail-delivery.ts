/**
 * The machines' routes: QStash asking us to send a mail (`POST /mail/deliver`) or to attempt a webhook delivery
 * (`POST /webhooks/deliver`), QStash's delivery callbacks (`POST /qstash/callback`), and Resend's bounce and complaint
 * reports (`POST /mail/events/resend`).
 *
 * Authorization and CSRF: none of these callers holds a session or a CSRF cookie; each request is authorised by its
 * signature instead (QStash's JWT checked with the SDK's Receiver, Resend's Svix signature), checked over the raw body
 * before anything is read or changed, and refused with 401 otherwise. `mailMachineCsrfExempt` lets exactly these
 * paths past the CSRF check for that reason.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { deliverNotification } from "../mail/delivery";
import { recordDelivery } from "../mail/mail-outbox";
import { CALLBACK_PATH, DELIVER_PATH, parseCallback, parseDelivery, verifyQstash } from "../mail/qstash";
import { applyResendEvent, RESEND_EVENTS_PATH, verifyResendEvent } from "../mail/resend-events";
import type { AppEnv } from "../types";
import { deliverWebhookNow, WEBHOOK_DELIVER_PATH } from "../webhooks/deliveries";

/** Routes QStash and the sending service call. */
export const mailDeliveryRoutes = new Hono<AppEnv>();

const MACHINE_PATHS = new Set([DELIVER_PATH, CALLBACK_PATH, RESEND_EVENTS_PATH, WEBHOOK_DELIVER_PATH]);

/** True for the signed machine POSTs above, which carry no CSRF token (their signature is checked instead). */
export function mailMachineCsrfExempt(c: Context<AppEnv>): boolean {
  return c.req.method === "POST" && MACHINE_PATHS.has(c.req.path);
}

/** The URL QStash signed: PUBLIC_URL (where QStash reaches us) or, without it, this request's origin, plus the path. */
function signedUrl(c: Context<AppEnv>, path: string): string {
  return `${(c.env.PUBLIC_URL || new URL(c.req.url).origin).replace(/\/$/, "")}${path}`;
}

async function rawBody(c: Context<AppEnv>): Promise<string | null> {
  try {
    return await c.req.text();
  } catch {
    return null;
  }
}

/**
 * Sends the mail a QStash message names, once: 200 when sent or when there is nothing (left) to send — a replayed
 * message, a mail already delivered, suppressed or unknown — so QStash stops; 409 while another delivery holds it and
 * 502 when the sending service failed, so QStash tries again; 489 with `Upstash-NonRetryable-Error` when the service
 * refused it for good.
 */
mailDeliveryRoutes.post(DELIVER_PATH, async (c) => {
  const body = await rawBody(c);
  if (body === null) return c.text("unreadable body", 400);
  if (!(await verifyQstash(c.env, c.req.header("Upstash-Signature"), body, signedUrl(c, DELIVER_PATH))))
    return c.text("invalid signature", 401);
  const id = parseDelivery(body);
  if (!id) return c.text("ignored: not a mail of ours");
  const result = await deliverNotification(c.env, id, {
    by: "qstash",
    messageId: c.req.header("Upstash-Message-Id")?.slice(0, 100) ?? null,
  });
  switch (result.outcome) {
    case "sent":
      return c.text("sent");
    case "already":
      return c.text("already handled: nothing sent");
    case "unknown":
      return c.text("ignored: no such mail");
    case "suppressed":
      return c.text("not sent: the address is undeliverable");
    case "busy":
      return c.text("another delivery of this mail is under way", 409);
    case "failed":
      if (result.permanent)
        // 489 is QStash's own status for "do not retry" (Hono's status type does not list it).
        return new Response(`refused by the sending service: ${result.error}`, {
          status: 489,
          headers: { "Content-Type": "text/plain; charset=UTF-8", "Upstash-NonRetryable-Error": "true" },
        });
      return c.text(`sending service failed: ${result.error}`, 502);
  }
});

/**
 * One attempt of a webhook delivery, at the time QStash was asked to call: 200 whatever the receiver answered (a
 * failure is rescheduled by our own retry schedule, handed back to QStash with its time), so QStash never retries on
 * its own schedule; a call for a delivery already made, taken or unknown sends nothing.
 */
mailDeliveryRoutes.post(WEBHOOK_DELIVER_PATH, async (c) => {
  const body = await rawBody(c);
  if (body === null) return c.text("unreadable body", 400);
  if (!(await verifyQstash(c.env, c.req.header("Upstash-Signature"), body, signedUrl(c, WEBHOOK_DELIVER_PATH))))
    return c.text("invalid signature", 401);
  const id = parseDelivery(body);
  if (!id) return c.text("ignored: not a delivery of ours");
  return c.text((await deliverWebhookNow(c.env, id)) ? "delivered" : "attempted: not delivered (rescheduled or done)");
});

/** A delivery report from QStash: only with a valid signature over this exact body (401 otherwise, nothing changed). */
mailDeliveryRoutes.post(CALLBACK_PATH, async (c) => {
  const body = await rawBody(c);
  if (body === null) return c.text("unreadable body", 400);
  if (!(await verifyQstash(c.env, c.req.header("Upstash-Signature"), body, signedUrl(c, CALLBACK_PATH))))
    return c.text("invalid signature", 401);
  const report = parseCallback(body);
  // Signed by QStash but not about one of our mails: acknowledge, so QStash does not retry it.
  if (!report) return c.text("ignored");
  return c.text((await recordDelivery(c.env, report)) ? "recorded" : "ignored");
});

/** Resend's report of a bounce or complaint: only with a valid Svix signature (401 otherwise, nothing changed). */
mailDeliveryRoutes.post(RESEND_EVENTS_PATH, async (c) => {
  const body = await rawBody(c);
  if (body === null) return c.text("unreadable body", 400);
  const verified = await verifyResendEvent(c.env, c.req.raw.headers, body);
  if (!verified.ok) return c.text(`invalid signature (${verified.why})`, 401);
  return c.text(await applyResendEvent(c.env, verified.event));
});
