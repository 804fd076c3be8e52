/** True where the demo seed is built in (`npm start`, `npm run dev`, tests); false in deployed bundles (wrangler.toml). */
declare const __TRELLIS_DEMO__: boolean;

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
  /**
   * Key that signs links in emails (check-ins, unsubscribe, reply addresses) and CSRF tokens, as `<id>:<secret>` (id:
   * 1–8 letters or digits); required unless DEV_TOOLS is "1". See docs/RUNBOOK.md, "Rotating secrets".
   */
  TOKEN_SECRET?: string;
  /** The key TOKEN_SECRET replaced (`<id>:<secret>`): links it signed keep working until they expire or it is removed. */
  TOKEN_SECRET_PREVIOUS?: string;
  /** Public origin used in links inside emails, e.g. https://trellis.example.org. */
  PUBLIC_URL?: string;
  /**
   * Domain of the per-member reply addresses (reply+<token>@REPLY_DOMAIN) routed to the worker's email handler; default
   * "reply.trellis.localhost".
   */
  REPLY_DOMAIN?: string;
}
