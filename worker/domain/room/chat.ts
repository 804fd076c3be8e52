/** Chat rules: message length, client-made ids, and the per-member rate limit. Pure. */

export const MESSAGE_MAX = 2000;
export const PAGE_SIZE = 30;

/** Checks a message body; returns the trimmed text or a message for the writer. */
export function checkBody(body: unknown): { ok: true; body: string } | { ok: false; error: string } {
  const text = typeof body === "string" ? body.replace(/\r\n/g, "\n").trim() : "";
  if (!text) return { ok: false, error: "Write a message first." };
  if (text.length > MESSAGE_MAX)
    return {
      ok: false,
      error: `Messages can be up to ${MESSAGE_MAX} characters; this one is ${text.length}. Split it in two.`,
    };
  return { ok: true, body: text };
}

/** Whether a client-made message id is acceptable (8–64 letters, digits, "-" or "_"). */
export function validClientId(id: unknown): id is string {
  return typeof id === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(id);
}

/** The rate limit: at most `perMinute` messages by one member in any 60 seconds. */
export function rateLimited(
  recentTimes: number[],
  now: number,
  perMinute: number,
): { limited: false } | { limited: true; retryInSeconds: number } {
  const inWindow = recentTimes.filter((t) => t > now - 60_000).sort((a, b) => a - b);
  if (inWindow.length < perMinute) return { limited: false };
  const oldest = inWindow[inWindow.length - perMinute]!;
  return { limited: true, retryInSeconds: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) };
}

/** The message shown when the rate limit refuses a message. */
export function rateLimitMessage(retryInSeconds: number): string {
  return `You are sending messages faster than the chat allows. Wait ${retryInSeconds} second${retryInSeconds === 1 ? "" : "s"} and send it again; what you wrote is kept.`;
}

/** "3 unread", or "999+ unread" past the counted maximum. */
export function unreadLabel(n: number): string {
  return `${n > 999 ? "999+" : n} unread`;
}
