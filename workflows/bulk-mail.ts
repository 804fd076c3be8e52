import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { sendProgramMessageBatch } from "../worker/coordinator/program-message";
import { sendDigestBatch } from "../worker/mail/digest";
import { type BulkMailParams, batchCount, finishMailJob, recipientCount } from "../worker/mail/mail-jobs";
import { sendInvitationBatch } from "../worker/programs/invitation-mail";
import { sendSurveyBatch } from "../worker/surveys/surveys";

/**
 * One bulk mailing (a coordinator's message to participants, invitations, the weekly digests): one step per batch of
 * recipients, so a restart resumes at the first unfinished batch, and a batch that runs again sends nobody a second
 * mail (each mail's id is fixed by the mailing and the recipient). Progress is counted in `mail_jobs` for the
 * coordinator's page.
 */
export class BulkMailWorkflow extends WorkflowEntrypoint<Env, BulkMailParams> {
  /** Sends every batch, then marks the mailing sent (or failed, when a batch gives up after its retries). */
  override async run(event: WorkflowEvent<BulkMailParams>, step: WorkflowStep): Promise<{ sent: number }> {
    const p = event.payload;
    const batches = batchCount(recipientCount(p));
    let sent = 0;
    try {
      for (let i = 0; i < batches; i++) {
        sent += await step.do(
          `batch ${i + 1} of ${batches}`,
          { retries: { limit: 5, delay: "10 seconds", backoff: "exponential" }, timeout: "5 minutes" },
          () => this.batch(p, i),
        );
      }
    } catch (err) {
      await step.do("mark failed", () => finishMailJob(this.env, p.jobId, "failed"));
      throw err;
    }
    await step.do("mark sent", () => finishMailJob(this.env, p.jobId, "sent"));
    return { sent };
  }

  private batch(p: BulkMailParams, index: number): Promise<number> {
    if (p.kind === "program-message") return sendProgramMessageBatch(this.env, p, index);
    if (p.kind === "invitations") return sendInvitationBatch(this.env, p, index);
    if (p.kind === "survey") return sendSurveyBatch(this.env, p, index);
    return sendDigestBatch(this.env, p, index);
  }
}
