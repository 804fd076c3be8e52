import { sendMilestoneSurveys } from "../worker/surveys/surveys";
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { RISK_RULES, type PlannedMilestone } from "../worker/domain/journey/template";
import { isFinal, type Stage } from "../worker/domain/room/stages";
import {
  JOURNEY,
  answeredBy,
  journeyOrigin,
  lastMeetingHeld,
  openCheckin,
  planFor,
  remind,
  sendCheckinMails,
  welcome,
} from "../worker/journey/journey-steps";
import { memberIdsOf, roomOf } from "../worker/pairings/access";
import { loggedSteps } from "../worker/observability/workflow-steps";

/** Parameters a pairing's journey starts with. */
export interface JourneyParams {
  pairingId: string;
}

const DAY = 86_400_000;

/**
 * A pairing's milestone journey (instance id = pairing id). It sleeps to each due date of its program's template, tells
 * the room and the members (idempotent: fixed notification ids), waits for the room's events with timeouts, sends one
 * reminder, and flags the pairing at risk when a milestone slips. Paused pairings wait; ended ones stop the journey.
 */
export class JourneyWorkflow extends WorkflowEntrypoint<Env, JourneyParams> {
  /** Walks the pairing's milestones. */
  override async run(
    event: WorkflowEvent<JourneyParams>,
    workflowStep: WorkflowStep,
  ): Promise<{ pairingId: string; outcome: string }> {
    // Steps return plain data and every side effect is idempotent (fixed ids), so a restart replays nothing twice.
    const { pairingId } = event.payload;
    // Each step that runs logs one line (name, outcome, duration); replayed steps log nothing.
    const step = loggedSteps(workflowStep, { workflow: "journey", pairingId });
    const room = () => roomOf(this.env, pairingId);
    const origin = journeyOrigin(this.env);
    const start = await step.do("start", async () => {
      const attached = await room().attachJourney(JOURNEY);
      if (!attached.ok && attached.status === 404) return null;
      if (!attached.ok) throw new Error(attached.error);
      return { pairingId, plan: await planFor(this.env, pairingId) };
    });
    if (!start) return { pairingId, outcome: "no such pairing" };
    const began = start.plan[0]?.due ?? 0;
    let unanswered = 0;
    for (const [i, m] of start.plan.entries()) {
      const next = start.plan[i + 1]?.due ?? Number.MAX_SAFE_INTEGER;
      await this.sleepTo(step, `until ${m.key}`, m.due);
      const stage = await this.waitWhilePaused(step, pairingId, m);
      if (isFinal(stage)) return { pairingId, outcome: `ended (${stage})` };
      if (m.kind === "welcome") await step.do("welcome", () => welcome(this.env, origin, pairingId, m));
      else if (m.kind === "agreement") await this.agreement(step, pairingId, m, origin, next);
      else if (m.kind === "first-meeting") await this.firstMeeting(step, pairingId, m, origin, next);
      else if (m.kind === "check-in" || m.kind === "wrap-up")
        unanswered = await this.checkin(step, pairingId, m, origin, unanswered, began);
      else if (m.kind === "close") {
        await step.do("close", async () => {
          const now = await room().stage();
          if (now === "active") await room().changeStage(JOURNEY, "wrap_up", "The program has reached its end.");
          const r = await room().changeStage(JOURNEY, "close", "The program has ended.");
          return r.ok ? "closed" : r.error;
        });
      }
    }
    return { pairingId, outcome: "completed" };
  }

  /** Sleeps until `at` (fixed in a step, so a restart sleeps to the same time); a time already past costs no sleep. */
  private async sleepTo(step: WorkflowStep, name: string, at: number): Promise<void> {
    const ms = await step.do(`${name} (wait)`, async () => Math.max(0, at - Date.now()));
    if (ms > 0) await step.sleep(name, ms);
  }

  /**
   * How long to wait for an event until `deadline`, fixed in a step (so a restart waits for the same deadline): a
   * journey started late (the demo, or after an outage) catches up at once instead of waiting whole grace periods
   * again.
   */
  private async until(step: WorkflowStep, name: string, deadline: number): Promise<`${number} seconds`> {
    const seconds = await step.do(name, async () => Math.max(1, Math.ceil((deadline - Date.now()) / 1000)));
    return `${seconds} seconds` as const;
  }

  /** Reads the stage; while paused, waits for the room to say it changed (checking again at least monthly). */
  private async waitWhilePaused(step: WorkflowStep, pairingId: string, m: PlannedMilestone): Promise<Stage> {
    for (let i = 0; ; i++) {
      const stage = await step.do(`stage before ${m.key}${i ? ` (${i})` : ""}`, () =>
        roomOf(this.env, pairingId).stage(),
      );
      if (stage !== "paused") return stage;
      try {
        await step.waitForEvent(`resumed before ${m.key} (${i})`, { type: "stage-changed", timeout: "30 days" });
      } catch {
        // timed out: look again
      }
    }
  }

  /**
   * Agreement due: a reminder if unsigned, a wait for the room's "agreement-signed" (3 days, or until the next
   * milestone if that comes first), then the risk flag once the grace has passed.
   */
  private async agreement(
    step: WorkflowStep,
    pairingId: string,
    m: PlannedMilestone,
    origin: string,
    next: number,
  ): Promise<void> {
    const signed = () =>
      roomOf(this.env, pairingId)
        .agreementSigned(JOURNEY)
        .then((r) => r.ok && r.value);
    if (await step.do("agreement signed?", signed)) return;
    await step.do("agreement reminder", () => remind(this.env, origin, pairingId, m));
    try {
      await step.waitForEvent("agreement signed", {
        type: "agreement-signed",
        timeout: await this.until(step, "agreement wait", Math.min(next, m.due + RISK_RULES.agreementGraceDays * DAY)),
      });
    } catch {
      // no event in time: the check below decides
    }
    if (await step.do("agreement signed after the wait?", signed)) return;
    // Flag only when the whole grace was waited (a next milestone inside it cut the wait short: the check-ins watch
    // on).
    if (next < m.due + RISK_RULES.agreementGraceDays * DAY) return;
    await step.do(
      "flag: no agreement",
      async () =>
        (
          await roomOf(this.env, pairingId).setRisk(
            JOURNEY,
            `No mentoring agreement ${RISK_RULES.agreementGraceDays} days after it was due.`,
          )
        ).ok,
    );
  }

  /**
   * First meeting due: a reminder if none was held, a wait for "meeting-held" (a week, or until the next milestone if
   * that comes first), then the risk flag if the week has passed; otherwise each check-in's silence rule watches on.
   */
  private async firstMeeting(
    step: WorkflowStep,
    pairingId: string,
    m: PlannedMilestone,
    origin: string,
    next: number,
  ): Promise<void> {
    const held = () => lastMeetingHeld(this.env, pairingId).then((t) => t !== null);
    if (await step.do("first meeting held?", held)) return;
    await step.do("first meeting reminder", () => remind(this.env, origin, pairingId, m));
    try {
      await step.waitForEvent("first meeting held", {
        type: "meeting-held",
        timeout: await this.until(step, "first meeting wait", Math.min(next, m.due + 7 * DAY)),
      });
    } catch {
      // no event in time: the check below decides
    }
    if (await step.do("first meeting held after the wait?", held)) return;
    if (next < m.due + 7 * DAY) return;
    await step.do(
      "flag: no first meeting",
      async () =>
        (await roomOf(this.env, pairingId).setRisk(JOURNEY, "No meeting held a week after the first one was due.")).ok,
    );
  }

  /**
   * A check-in (or the wrap-up survey): opened and mailed; half-way through, one reminder to those who have not
   * answered; at close, the count of unanswered check-ins in a row and the silence since the last meeting may flag the
   * pairing. Returns the new count of unanswered check-ins in a row.
   */
  private async checkin(
    step: WorkflowStep,
    pairingId: string,
    m: PlannedMilestone,
    origin: string,
    unansweredBefore: number,
    began: number,
  ): Promise<number> {
    const room = roomOf(this.env, pairingId);
    if (m.kind === "wrap-up") {
      await step.do("start wrapping up", async () =>
        (await room.stage()) === "active"
          ? (await room.changeStage(JOURNEY, "wrap_up", "The wrap-up weeks have begun.")).ok
          : false,
      );
    }
    const checkinId = await step.do(`open ${m.key}`, () => openCheckin(this.env, origin, pairingId, m));
    if (m.key === "mid-point" || m.kind === "wrap-up")
      await step.do(`${m.key} surveys`, () =>
        sendMilestoneSurveys(this.env, origin, pairingId, m.key, m.closes ?? m.due + 4 * DAY),
      );
    const closes = m.closes ?? m.due + 4 * DAY;
    const half = m.due + Math.round((closes - m.due) / 2);
    const everyone = await step.do(`${m.key} members`, async () => (await memberIdsOf(this.env, pairingId)).length);
    // Until half-way, each answer wakes the journey; it stops waiting once everyone has answered (an event can also be
    // about another check-in: what counts is the room's record of this one). Then one reminder to whoever has not.
    for (let i = 0; i < everyone; i++) {
      try {
        await step.waitForEvent(`${m.key} answered (${i})`, {
          type: "checkin-answered",
          timeout: await this.until(step, `${m.key} wait (${i})`, half),
        });
      } catch {
        break; // half-way reached
      }
      if (
        (await step.do(`${m.key} answers (${i})`, () =>
          answeredBy(this.env, pairingId, checkinId).then((a) => a.length),
        )) >= everyone
      )
        break;
    }
    await this.sleepTo(step, `${m.key} half-way`, half);
    await step.do(`${m.key} reminder`, async () => {
      const members = await memberIdsOf(this.env, pairingId);
      const done = await answeredBy(this.env, pairingId, checkinId);
      const waiting = members.filter((p) => !done.includes(p));
      if (waiting.length) await sendCheckinMails(this.env, origin, pairingId, m, checkinId, "reminder", waiting);
      return waiting.length;
    });
    await this.sleepTo(step, `${m.key} closes`, closes);
    return step.do(`${m.key} closed`, async () => {
      const answered = (await answeredBy(this.env, pairingId, checkinId)).length > 0;
      const streak = answered ? 0 : unansweredBefore + 1;
      const silentSince = (await lastMeetingHeld(this.env, pairingId)) ?? began;
      let reason: string | null = null;
      if (streak >= RISK_RULES.unansweredInARow) reason = `${streak} check-ins in a row unanswered.`;
      else if (Date.now() - silentSince > RISK_RULES.silentDays * DAY)
        reason = `No meeting held for more than ${RISK_RULES.silentDays} days.`;
      if (reason) await room.setRisk(JOURNEY, reason);
      return streak;
    });
  }
}
