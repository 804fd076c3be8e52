/** A program's webhook endpoints (table `webhook_endpoints`): registered, listed, secret rotated, switched back on. */
import { and, desc, eq } from "drizzle-orm";
import { db } from "../db/client";
import { webhookEndpoints } from "../db/schema";
import { newId } from "../domain/random-secrets";
import type { WebhookEvent } from "../domain/webhooks/events";
import { newWebhookSecret } from "../domain/webhooks/signature";

/** Registers an endpoint for some events of a program; returns its id and its new secret. */
export async function createWebhookEndpoint(
  env: Env,
  e: { programId: string; url: string; events: WebhookEvent[]; createdBy: string },
  now = Date.now(),
): Promise<{ id: string; secret: string }> {
  const id = newId();
  const secret = newWebhookSecret();
  await db(env)
    .insert(webhookEndpoints)
    .values({ id, ...e, secret, createdAt: now });
  return { id, secret };
}

/** The program's endpoints, newest first. */
export function programWebhookEndpoints(env: Env, programId: string) {
  return db(env)
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.programId, programId))
    .orderBy(desc(webhookEndpoints.createdAt));
}

/** Gives one of the program's endpoints a new secret (the old one stops signing at once); null when there is none. */
export async function rotateWebhookSecret(env: Env, programId: string, id: string): Promise<string | null> {
  const secret = newWebhookSecret();
  const rows = await db(env)
    .update(webhookEndpoints)
    .set({ secret })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.programId, programId)))
    .returning({ id: webhookEndpoints.id });
  return rows.length ? secret : null;
}

/** Switches an endpoint that was turned off after failures back on, its failure count cleared. */
export async function enableWebhookEndpoint(env: Env, programId: string, id: string): Promise<boolean> {
  const rows = await db(env)
    .update(webhookEndpoints)
    .set({ disabledAt: null, failures: 0 })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.programId, programId)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}
