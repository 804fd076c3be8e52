import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { runAndStore } from "../worker/matching/runs";
import { loggedSteps } from "../worker/observability/workflow-steps";

/** Parameters of a matching run too large for one request. */
export interface MatchRunParams {
  runId: string;
}

/**
 * Matches a large program in a Workflow step (a request's CPU budget covers about 2,000 mentees; see the benchmark).
 */
export class MatchRunWorkflow extends WorkflowEntrypoint<Env, MatchRunParams> {
  /** Computes the run and stores its staged proposals; a run replaced meanwhile is left alone. */
  override async run(event: WorkflowEvent<MatchRunParams>, workflowStep: WorkflowStep): Promise<{ status: string }> {
    const step = loggedSteps(workflowStep, { workflow: "match-run", runId: event.payload.runId });
    const status = await step.do(
      "match and stage",
      { retries: { limit: 1, delay: "5 seconds" }, timeout: "10 minutes" },
      () => runAndStore(this.env, event.payload.runId),
    );
    return { status };
  }
}
