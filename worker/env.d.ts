/** True where the demo seed is built in (`npm start`, `npm run dev`, tests); false in deployed bundles (wrangler.toml). */
declare const __TRELLIS_DEMO__: boolean;

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
  /**
   * Key that signs links in emails (check-ins, unsubscribe, reply addresses) and CSRF tokens, as `<id>:<secret>` (id:
   * 1–8 letters or digits); required unless DEV_TOOLS is "1". See docs/RUNBOOK.md, "Rotating secrets".
   */
  TOKEN_SECRET?: string;
  /** The key TOKEN_SECRET replaced (`<id>:<secret>`): links it signed keep working until they expire or it is removed. */
  TOKEN_SECRET_PREVIOUS?: string;
  /**
   * Single sign-on providers, a JSON array of { id, name, issuer, client_id, client_secret, domains?, verified_claim? }
   * (README "Single sign-on"); unset: email links only.
   */
  OIDC_PROVIDERS?: string;
  /** Public origin used in links inside emails, e.g. https://trellis.example.org. */
  PUBLIC_URL?: string;
  /**
   * Domain of the per-member reply addresses (reply+<token>@REPLY_DOMAIN) routed to the worker's email handler; default
   * "reply.trellis.localhost".
   */
  REPLY_DOMAIN?: string;
}
