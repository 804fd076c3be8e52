/**
 * The webhook outbox (tables `webhook_deliveries`, `webhook_attempts`): an event becomes one delivery row per
 * subscribed endpoint (written by migration 0023's triggers in the same write as the change), then each due row is
 * taken with a short lease, signed (Standard Webhooks) and POSTed; a 2xx delivers it, anything else is retried on the
 * schedule of domain/webhooks/events.ts, and an endpoint whose deliveries fail for good DISABLE_AFTER_FAILURES times in
 * a row is switched off and its coordinators told. Every attempt is logged with its status.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log";
import { db } from "../db/client";
import { errorFields, logEvent } from "../observability/log";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../db/schema";
import { randomToken } from "../domain/random-secrets";
import {
  DISABLE_AFTER_FAILURES,
  nextAttemptAt,
  type WebhookData,
  type WebhookEvent,
  webhookBody,
} from "../domain/webhooks/events";
import { webhookHeaders } from "../domain/webhooks/signature";
import { publishQstashMessage, qstashTarget } from "../mail/qstash";
import { tellCoordinatorsSwitchedOff } from "./disable-notice";

/** How long a taken delivery is kept from other sweeps while its request runs. */
const LEASE_MS = 60_000;
/** How long a receiver may take to answer. */
const TIMEOUT_MS = 10_000;
/** Deliveries one sweep sends at most. */
const BATCH = 50;

/** The route QStash calls to have one delivery attempted (`worker/routes/webhook-delivery.ts`). */
export const WEBHOOK_DELIVER_PATH = "/webhooks/deliver";

/**
 * True when attempts go through QStash (QSTASH_TOKEN and PUBLIC_URL set, as for mail): each attempt is a QStash call
 * to WEBHOOK_DELIVER_PATH at its time, so a retry an hour away survives any isolate. Otherwise the worker attempts
 * them itself: at once after a change, and every retry from the 5-minute cron.
 */
export function webhooksViaQstash(env: Env): boolean {
  return Boolean(env.QSTASH_TOKEN && env.PUBLIC_URL);
}

/**
 * Hands one attempt of a delivery to QStash for `at` (now when null). `attempts` (made so far) is in the
 * deduplication id, so handing the same attempt over twice (the sweep and the room both saw it due) calls us once.
 * A failed hand-over is only logged: the row stays due, and the next sweep hands it over again.
 */
async function handOver(env: Env, id: string, attempts: number, at: number | null, now: number): Promise<boolean> {
  try {
    await publishQstashMessage(
      env,
      {
        url: qstashTarget(env, WEBHOOK_DELIVER_PATH),
        id,
        deduplicationId: `${id}.${attempts}`,
        notBefore: at,
      },
      now,
    );
    return true;
  } catch (err) {
    logEvent({
      event: "webhook.delivery",
      level: "warn",
      outcome: "handover-failed",
      attempt: attempts,
      ...errorFields(err),
    });
    return false;
  }
}

/**
 * Queues an event for every live endpoint of the program that chose it; returns how many deliveries were queued. The
 * app's events are queued by migration 0023's triggers instead; this is for events that have no row of their own (and
 * the outbox's tests).
 */
export async function queueWebhookEvent<E extends WebhookEvent>(
  env: Env,
  programId: string,
  event: E,
  data: WebhookData[E],
  now = Date.now(),
): Promise<number> {
  const d = db(env);
  const endpoints = await d
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.programId, programId),
        sql`${webhookEndpoints.disabledAt} IS NULL`,
        sql`${webhookEndpoints.pausedAt} IS NULL`,
        // Raw SQL fragment: membership in the endpoint's JSON list of events, which the builder cannot express.
        sql`EXISTS (SELECT 1 FROM json_each(${webhookEndpoints.events}) WHERE value = ${event})`,
      ),
    );
  if (!endpoints.length) return 0;
  const body = webhookBody(event, data, now);
  await d.insert(webhookDeliveries).values(
    endpoints.map((e) => ({
      id: `msg_${randomToken(16)}`,
      endpointId: e.id,
      event,
      body,
      createdAt: now,
      status: "pending" as const,
      nextAt: now,
    })),
  );
  return endpoints.length;
}

/**
 * Sends what is due now in the background of the current request or alarm (`waitUntil`), so a receiver hears of an
 * event within seconds rather than at the next 5-minute sweep; the sweep stays the safety net.
 */
export function deliverWebhooksSoon(env: Env, waitUntil: (p: Promise<unknown>) => void): void {
  waitUntil(deliverDueWebhooks(env).catch(() => 0));
}

/**
 * Sends every due delivery once (each taken first, so two sweeps never send the same attempt), or with QStash hands
 * each to QStash to be attempted at once; returns how many were delivered (or handed over).
 */
export async function deliverDueWebhooks(env: Env, now = Date.now(), send: typeof fetch = fetch): Promise<number> {
  const d = db(env);
  const due = await d
    .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAt, now)))
    .orderBy(asc(webhookDeliveries.nextAt))
    .limit(BATCH);
  let sent = 0;
  if (webhooksViaQstash(env)) {
    for (const { id, attempts } of due) if (await handOver(env, id, attempts, null, now)) sent++;
    return sent;
  }
  for (const { id } of due) if (await deliverWebhookNow(env, id, now, send)) sent++;
  return sent;
}

/**
 * Makes one attempt of a delivery, a sweep's or the one a QStash call asked for, when it is still due (a replayed or
 * duplicated call finds it taken or done and sends nothing); with QStash a failure is handed back for its retry time.
 * True when delivered.
 */
export async function deliverWebhookNow(
  env: Env,
  id: string,
  now = Date.now(),
  send: typeof fetch = fetch,
): Promise<boolean> {
  const d = db(env);
  const [taken] = await d
    .update(webhookDeliveries)
    .set({ nextAt: now + LEASE_MS, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAt, now)),
    )
    .returning();
  if (!taken) return false;
  const [endpoint] = await d.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, taken.endpointId));
  if (!endpoint || endpoint.disabledAt !== null || endpoint.pausedAt !== null) {
    await d.update(webhookDeliveries).set({ status: "failed", nextAt: null }).where(eq(webhookDeliveries.id, id));
    return false;
  }
  const started = Date.now();
  let status = 0;
  let failure = {};
  try {
    const res = await send(endpoint.url, {
      method: "POST",
      body: taken.body,
      headers: {
        "Content-Type": "application/json",
        ...(await webhookHeaders(endpoint.secret, taken.id, taken.body, now)),
      },
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
  } catch (err) {
    status = 0;
    failure = errorFields(err);
  }
  const ok = status >= 200 && status < 300;
  const next = ok ? null : nextAttemptAt(taken.attempts, now);
  const outcome = ok ? "delivered" : next === null ? "failed" : "pending";
  // Ids, status and timing only: never the endpoint's address (a coordinator's choice) or the body.
  logEvent({
    event: "webhook.delivery",
    level: ok ? "info" : "warn",
    programId: endpoint.programId,
    status,
    attempt: taken.attempts,
    outcome,
    durationMs: Date.now() - started,
    ...failure,
  });
  await d.batch([
    d.insert(webhookAttempts).values({
      deliveryId: id,
      attempt: taken.attempts,
      at: now,
      status,
      durationMs: Date.now() - started,
    }),
    d.update(webhookDeliveries).set({ status: outcome, nextAt: next }).where(eq(webhookDeliveries.id, id)),
    ok
      ? d.update(webhookEndpoints).set({ failures: 0 }).where(eq(webhookEndpoints.id, endpoint.id))
      : d
          .update(webhookEndpoints)
          .set({
            failures: sql`${webhookEndpoints.failures} + ${outcome === "failed" ? 1 : 0}`,
            disabledAt: sql`CASE WHEN ${webhookEndpoints.failures} + ${outcome === "failed" ? 1 : 0} >= ${DISABLE_AFTER_FAILURES} THEN ${now} ELSE NULL END`,
          })
          .where(eq(webhookEndpoints.id, endpoint.id)),
  ]);
  if (outcome === "failed") {
    const [after] = await d
      .select({ disabledAt: webhookEndpoints.disabledAt })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    // This attempt switched it off (a later sweep sees disabledAt set before `now` and never tells twice).
    if (after?.disabledAt === now) await tellCoordinatorsSwitchedOff(env, endpoint, now);
  }
  if (outcome === "pending" && webhooksViaQstash(env)) await handOver(env, id, taken.attempts, next, now);
  return ok;
}

/** Sends a delivery again (same `webhook-id`, so the receiver can tell), audited; false when it is not the program's. */
export async function replayWebhookDelivery(
  env: Env,
  programId: string,
  id: string,
  now = Date.now(),
  actorId: string | null = null,
  only: { endpointId?: string } = {},
) {
  const d = db(env);
  const rows = await d
    .update(webhookDeliveries)
    .set({ status: "pending", nextAt: now })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        only.endpointId === undefined ? undefined : eq(webhookDeliveries.endpointId, only.endpointId),
        inArray(
          webhookDeliveries.endpointId,
          d.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.programId, programId)),
        ),
      ),
    )
    .returning({ id: webhookDeliveries.id, event: webhookDeliveries.event });
  if (!rows.length) return false;
  await recordAudit(env, {
    programId,
    actorId,
    action: "webhook.replay",
    detail: { delivery: id, event: rows[0]!.event },
    at: now,
  });
  return true;
}

/** An endpoint's latest deliveries with every attempt, newest first: the delivery log. */
export async function webhookDeliveryLog(env: Env, endpointId: string, limit = 20) {
  const d = db(env);
  const deliveries = await d
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  const attempts = deliveries.length
    ? await d
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((x) => x.id),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  return deliveries.map((x) => ({ ...x, attempts: attempts.filter((a) => a.deliveryId === x.id) }));
}
