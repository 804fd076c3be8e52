/**
 * Putting one mail on the internet through the configured sending service: Cloudflare Email Service (the EMAIL
 * binding) or Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email). Both get the same message:
 * From, To, subject, the plain text and its HTML part, Reply-To and the List-Unsubscribe headers.
 */
import type { SendingService } from "./transport";

/** One mail as the services take it. */
export interface ServiceMail {
  /** Our outbox id: Resend's idempotency key, so a repeated send within a day sends nothing new. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string | null;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
}

/** A send the service refused or that could not reach it; `permanent` when trying again cannot help (a 4xx). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** The Resend API's base URL. */
export const RESEND_API = "https://api.resend.com";

/** Sends one mail; returns the service's id for it (to match its bounce reports). Throws SendError. */
export async function sendThroughService(env: Env, service: SendingService, mail: ServiceMail): Promise<string> {
  return service === "cloudflare" ? sendWithEmailService(env, mail) : sendWithResend(env, mail);
}

async function sendWithEmailService(env: Env, mail: ServiceMail): Promise<string> {
  try {
    const result = await env.EMAIL.send({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      headers: mail.headers,
    });
    return result.messageId;
  } catch (err) {
    // The binding throws for a refused message as for an outage and says which only in words: try again, QStash or
    // the sweep give up after their retries.
    throw new SendError(`Email Service: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300), false);
  }
}

async function sendWithResend(env: Env, mail: ServiceMail): Promise<string> {
  if (!env.RESEND_API_KEY) throw new SendError("RESEND_API_KEY is not set", true);
  const body: Record<string, unknown> = {
    from: mail.from,
    to: [mail.to],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
  };
  if (mail.replyTo) body.reply_to = mail.replyTo;
  let res: Response;
  try {
    res = await fetch(`${RESEND_API}/emails`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.RESEND_API_KEY}`,
        "Content-Type": "application/json",
        "Idempotency-Key": mail.id,
      },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new SendError(`Resend unreachable: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300), false);
  }
  const answer = (await res.json().catch(() => null)) as { id?: unknown; message?: unknown } | null;
  if (!res.ok) {
    const why = typeof answer?.message === "string" ? `: ${answer.message}` : "";
    // 429 (rate limit) and 5xx pass; any other 4xx (a bad address, an unverified domain) will not.
    throw new SendError(`Resend HTTP ${res.status}${why}`.slice(0, 300), res.status < 500 && res.status !== 429);
  }
  return typeof answer?.id === "string" ? answer.id : "";
}
