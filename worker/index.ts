/** Trellis worker entry: the Hono app, the reply-by-email handler, the pairing room Durable Object, the journey and match-run Workflows. */
import { app } from "./app";
import { handleInboundEmail } from "./mail/inbound";

export { PairingRoom } from "./room/pairing-room";
export { JourneyWorkflow } from "../workflows/journey";
export { MatchRunWorkflow } from "../workflows/match-run";

export default { fetch: app.fetch, email: handleInboundEmail } satisfies ExportedHandler<Env>;
