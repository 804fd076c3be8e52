/** Trellis worker entry: the Hono app, the pairing room Durable Object and the journey Workflow. */
import { app } from "./app";

export { PairingRoom } from "./room/pairing-room";
export { JourneyWorkflow } from "../workflows/journey";

export default app;
