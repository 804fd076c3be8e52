/**
 * Trellis worker entry: the Hono app, the reply-by-email handler, the cron jobs (weekly digest, outbox sweep), the
 * pairing room Durable Object, and the journey, match-run and bulk-mail Workflows.
 */
import { app } from "./app";
import { startDigestMailing } from "./mail/digest";
import { handleInboundEmail } from "./mail/inbound";
import { sweepOutbox } from "./mail/outbox-sweep";
import { deliverDueWebhooks } from "./webhooks/deliveries";
import { sweepAfterMeetingSurveys } from "./surveys/surveys";

export { PairingRoom } from "./room/pairing-room";
export { JourneyWorkflow } from "../workflows/journey";
export { MatchRunWorkflow } from "../workflows/match-run";
export { BulkMailWorkflow } from "../workflows/bulk-mail";

/** The weekly digest's cron expression in wrangler.toml (the other one is the outbox sweep's). */
const DIGEST_CRON = "0 6 * * MON";

export default {
  fetch: app.fetch,
  email: handleInboundEmail,
  /**
   * The cron triggers: Mondays 06:00 UTC the weekly digest mailing (each digest sent within its recipient's contact
   * hours); every 5 minutes the outbox sweep (mail due after its contact-hours wait, failed hand-overs), the webhook
   * sweep (deliveries due, retries on their schedule) and the surveys asked after meetings that have just ended.
   */
  scheduled: (controller, env, ctx) =>
    ctx.waitUntil(
      controller.cron === DIGEST_CRON
        ? startDigestMailing(env, controller.scheduledTime)
        : Promise.all([
            sweepOutbox(env, controller.scheduledTime),
            deliverDueWebhooks(env),
            sweepAfterMeetingSurveys(env, controller.scheduledTime),
          ]),
    ),
} satisfies ExportedHandler<Env>;
