/**
 * A program's webhook endpoints (table `webhook_endpoints`): registered, listed, secret rotated, paused and switched back
 * on, deleted. Each change a coordinator makes is audited in the same batch (the address and events, never the secret).
 */
import { and, desc, eq } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { webhookEndpoints } from "../db/schema";
import type { AuditAction } from "../domain/audit";
import { newId } from "../domain/random-secrets";
import type { WebhookEvent } from "../domain/webhooks/events";
import { newWebhookSecret } from "../domain/webhooks/signature";

/** One endpoint as pages show it (never its secret). */
export type WebhookEndpointRow = Omit<typeof webhookEndpoints.$inferSelect, "secret">;

const shown = {
  id: webhookEndpoints.id,
  programId: webhookEndpoints.programId,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  createdBy: webhookEndpoints.createdBy,
  createdAt: webhookEndpoints.createdAt,
  failures: webhookEndpoints.failures,
  disabledAt: webhookEndpoints.disabledAt,
  pausedAt: webhookEndpoints.pausedAt,
};

/** Registers an endpoint for some events of a program (audited); returns its id and its new secret. */
export async function createWebhookEndpoint(
  env: Env,
  e: { programId: string; url: string; events: WebhookEvent[]; createdBy: string },
  now = Date.now(),
): Promise<{ id: string; secret: string }> {
  const id = newId();
  const secret = newWebhookSecret();
  const d = db(env);
  await d.batch([
    d.insert(webhookEndpoints).values({ id, ...e, secret, createdAt: now }),
    auditInsert(d, {
      programId: e.programId,
      actorId: e.createdBy,
      action: "webhook.create",
      detail: { url: e.url, events: e.events },
      at: now,
    }),
  ]);
  return { id, secret };
}

/** The program's endpoints, newest first. */
export function programWebhookEndpoints(env: Env, programId: string): Promise<WebhookEndpointRow[]> {
  return db(env)
    .select(shown)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.programId, programId))
    .orderBy(desc(webhookEndpoints.createdAt));
}

/** One of the program's endpoints, or null when the program has no such endpoint. */
export async function programWebhookEndpoint(
  env: Env,
  programId: string,
  id: string,
): Promise<WebhookEndpointRow | null> {
  const [row] = await db(env)
    .select(shown)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.programId, programId)));
  return row ?? null;
}

/** Applies a change to one of the program's endpoints and audits it in one batch; false when there is none. */
async function change(
  env: Env,
  programId: string,
  id: string,
  actorId: string | null,
  action: AuditAction,
  set: Partial<typeof webhookEndpoints.$inferInsert> | "delete",
  now: number,
): Promise<boolean> {
  const d = db(env);
  const where = and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.programId, programId));
  const [found] = await d.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(where);
  if (!found) return false;
  await d.batch([
    set === "delete" ? d.delete(webhookEndpoints).where(where) : d.update(webhookEndpoints).set(set).where(where),
    auditInsert(d, { programId, actorId, action, detail: { url: found.url }, at: now }),
  ]);
  return true;
}

/** Gives one of the program's endpoints a new secret (the old one stops signing at once); null when there is none. */
export async function rotateWebhookSecret(
  env: Env,
  programId: string,
  id: string,
  actorId: string | null = null,
  now = Date.now(),
): Promise<string | null> {
  const secret = newWebhookSecret();
  return (await change(env, programId, id, actorId, "webhook.rotate", { secret }, now)) ? secret : null;
}

/** Switches an endpoint back on (after failures or a pause), its failure count cleared. */
export function enableWebhookEndpoint(
  env: Env,
  programId: string,
  id: string,
  actorId: string | null = null,
  now = Date.now(),
): Promise<boolean> {
  return change(env, programId, id, actorId, "webhook.enable", { disabledAt: null, pausedAt: null, failures: 0 }, now);
}

/** Switches an endpoint off by hand: no events are queued for it until it is switched on again. */
export function pauseWebhookEndpoint(
  env: Env,
  programId: string,
  id: string,
  actorId: string,
  now = Date.now(),
): Promise<boolean> {
  return change(env, programId, id, actorId, "webhook.pause", { pausedAt: now }, now);
}

/** Deletes an endpoint with its deliveries and their attempts (by cascade). */
export function deleteWebhookEndpoint(
  env: Env,
  programId: string,
  id: string,
  actorId: string,
  now = Date.now(),
): Promise<boolean> {
  return change(env, programId, id, actorId, "webhook.delete", "delete", now);
}
