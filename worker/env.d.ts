/** Optional secrets (set with `wrangler secret put` or `.dev.vars`); `wrangler types` cannot see them. */
interface Env {
  /** QStash token: when set, mail goes through QStash instead of the dev mailbox. */
  QSTASH_TOKEN?: string;
  /** QStash API base URL (defaults to the public one). */
  QSTASH_URL?: string;
  /** The HTTPS endpoint QStash delivers email jobs to (your email-sending service). */
  EMAIL_ENDPOINT?: string;
  /** QStash signing keys (current and next, rotated by QStash): verify the signatures on delivery callbacks. */
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
