/**
 * One log line per Workflow step that actually runs: `loggedSteps(step, fields)` wraps a Workflow's `step` so each
 * `step.do` callback logs its name, outcome and duration when it executes. Steps a restarted instance replays from
 * their stored results do not run their callback, so they log nothing twice.
 */
import type { WorkflowSleepDuration, WorkflowStep } from "cloudflare:workers";
import { errorFields, type LogFields, logEvent } from "./log";

type StepCallback = (...args: unknown[]) => Promise<unknown>;

/** `step` with every `do` logged as a "workflow.step" line carrying `fields` (the workflow's name and subject ids). */
export function loggedSteps(step: WorkflowStep, fields: Omit<LogFields, "event">): WorkflowStep {
  const wrap =
    (name: string, callback: StepCallback): StepCallback =>
    async (...args) => {
      const started = Date.now();
      try {
        const result = await callback(...args);
        logEvent({ event: "workflow.step", ...fields, step: name, outcome: "ok", durationMs: Date.now() - started });
        return result;
      } catch (err) {
        logEvent({
          event: "workflow.step",
          level: "error",
          ...fields,
          step: name,
          outcome: "error",
          durationMs: Date.now() - started,
          ...errorFields(err),
        });
        throw err;
      }
    };
  // The step is an RPC stub: call its methods on it (a Proxy or `.bind` would be sent to the engine as RPC calls).
  const logged = {
    do: (name: string, ...rest: unknown[]) => {
      const at = rest.findIndex((a) => typeof a === "function");
      if (at >= 0) rest[at] = wrap(name, rest[at] as StepCallback);
      return (step.do as (...a: unknown[]) => Promise<unknown>)(name, ...rest);
    },
    sleep: (name: string, duration: WorkflowSleepDuration) => step.sleep(name, duration),
    sleepUntil: (name: string, timestamp: Date | number) => step.sleepUntil(name, timestamp),
    waitForEvent: (name: string, options: Parameters<WorkflowStep["waitForEvent"]>[1]) =>
      step.waitForEvent(name, options),
  };
  return logged as unknown as WorkflowStep;
}
