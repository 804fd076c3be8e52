/**
 * Trellis worker entry: the Hono app, the reply-by-email handler, the weekly digest, the pairing room Durable Object,
 * the journey and match-run Workflows.
 */
import { app } from "./app";
import { sendDigests } from "./mail/digest";
import { handleInboundEmail } from "./mail/inbound";

export { PairingRoom } from "./room/pairing-room";
export { JourneyWorkflow } from "../workflows/journey";
export { MatchRunWorkflow } from "../workflows/match-run";

export default {
  fetch: app.fetch,
  email: handleInboundEmail,
  /** The cron trigger (Mondays 06:00 UTC): each person's weekly digest, sent within their contact hours. */
  scheduled: (controller, env, ctx) => ctx.waitUntil(sendDigests(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
