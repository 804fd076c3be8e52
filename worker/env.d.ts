/** Optional secrets (set with `wrangler secret put` or `.dev.vars`); `wrangler types` cannot see them. */
interface Env {
  /**
   * QStash token: with a sending service (MAIL_TRANSPORT) and PUBLIC_URL set, QStash schedules and retries each mail
   * and calls this worker's /mail/deliver to send it.
   */
  QSTASH_TOKEN?: string;
  /** QStash API base URL (defaults to the public one; tests point it elsewhere). */
  QSTASH_URL?: string;
  /** Resend API key, for MAIL_TRANSPORT = "resend". */
  RESEND_API_KEY?: string;
  /** Resend webhook signing secret ("whsec_…"): verifies its bounce and complaint reports to /mail/events/resend. */
  RESEND_WEBHOOK_SECRET?: string;
  /** QStash signing keys (current and next, rotated by QStash): verify its calls to /mail/deliver and callbacks. */
  QSTASH_CURRENT_SIGNING_KEY?: string;
  QSTASH_NEXT_SIGNING_KEY?: string;
  /** Key that signs links in emails (check-ins, unsubscribe, reply addresses); required unless DEV_TOOLS is "1". */
  TOKEN_SECRET?: string;
  /** Public origin used in links inside emails, e.g. https://trellis.example.org. */
  PUBLIC_URL?: string;
  /**
   * Domain of the per-member reply addresses (reply+<token>@REPLY_DOMAIN) routed to the worker's email handler; default
   * "reply.trellis.localhost".
   */
  REPLY_DOMAIN?: string;
}
