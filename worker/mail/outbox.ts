/** Outbound mail: every message is an outbox row first, then handed to the configured transport. */
import { desc, eq } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { newId } from "../domain/tokens";
import { publishToQstash, transportName } from "./transport";

export interface MailInput {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

/** Stores a message in the outbox and delivers it; returns the notification id. */
export async function sendMail(env: Env, mail: MailInput, now = Date.now()): Promise<string> {
  const id = newId();
  const transport = transportName(env);
  const d = db(env);
  await d.insert(notifications).values({
    id,
    toEmail: mail.to,
    subject: mail.subject,
    bodyText: mail.text,
    kind: mail.kind,
    status: transport === "held" ? "held" : "pending",
    transport,
    createdAt: now,
  });
  if (transport === "dev-mailbox") {
    await d.update(notifications).set({ status: "delivered", sentAt: now }).where(eq(notifications.id, id));
  } else if (transport === "qstash") {
    try {
      await publishToQstash(env, { id, to: mail.to, subject: mail.subject, text: mail.text });
      await d.update(notifications).set({ status: "sent", sentAt: Date.now() }).where(eq(notifications.id, id));
    } catch (err) {
      await d.update(notifications).set({ status: "failed", error: String(err) }).where(eq(notifications.id, id));
    }
  }
  return id;
}

/** Lists the newest messages for the dev mailbox, optionally for one recipient. */
export async function listMail(env: Env, to?: string, limit = 50) {
  const q = db(env).select().from(notifications);
  return (to ? q.where(eq(notifications.toEmail, to)) : q).orderBy(desc(notifications.createdAt)).limit(limit);
}

/** Returns one stored message. */
export async function getMail(env: Env, id: string) {
  const rows = await db(env).select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The origin used for links inside emails. */
export function publicOrigin(env: Env, requestUrl: string): string {
  return (env.PUBLIC_URL ?? new URL(requestUrl).origin).replace(/\/$/, "");
}
