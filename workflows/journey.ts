import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";

/** Parameters a pairing's journey starts with. */
export interface JourneyParams {
  pairingId: string;
}

/**
 * A pairing's milestone journey (instance id = pairing id). The Foundation only records that it started;
 * the journey work adds milestones, waits and notifications.
 */
export class JourneyWorkflow extends WorkflowEntrypoint<Env, JourneyParams> {
  /** Walks the pairing's milestones. */
  override async run(event: WorkflowEvent<JourneyParams>, step: WorkflowStep): Promise<{ pairingId: string }> {
    return step.do("start", async () => ({ pairingId: event.payload.pairingId }));
  }
}
