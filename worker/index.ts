/** Trellis worker entry: the Hono app, the pairing room Durable Object, the journey and match-run Workflows. */
import { app } from "./app";

export { PairingRoom } from "./room/pairing-room";
export { JourneyWorkflow } from "../workflows/journey";
export { MatchRunWorkflow } from "../workflows/match-run";

export default app;
