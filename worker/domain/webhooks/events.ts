/**
 * The events a program's webhook endpoints may choose, and the payload each carries: ids and states only (never names,
 * addresses, chat, notes, agreement text, meeting titles or check-in comments), in the Standard Webhooks shape
 * `{ type, timestamp, data }`. The triggers of migration 0023 build these same shapes in SQL when the change happens;
 * test/integration/webhook-events.test.ts holds the two to each other.
 */

/** Every event type an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = [
  "participant.joined",
  "pairing.created",
  "pairing.stage_changed",
  "pairing.at_risk",
  "checkin.answered",
  "meeting.scheduled",
  "meeting.cancelled",
] as const;
/** One event type. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What each event's `data` holds: ids, roles, stages, answers and times. */
export interface WebhookData {
  "participant.joined": { program_id: string; person_id: string; role: string };
  "pairing.created": { program_id: string; pairing_id: string; members: { person_id: string; role: string }[] };
  "pairing.stage_changed": { program_id: string; pairing_id: string; from: string; to: string };
  "pairing.at_risk": { program_id: string; pairing_id: string };
  "checkin.answered": { program_id: string; pairing_id: string; checkin_id: string; person_id: string; answer: string };
  "meeting.scheduled": { program_id: string; pairing_id: string; meeting_id: string; first_start: string };
  "meeting.cancelled": { program_id: string; pairing_id: string; meeting_id: string };
}

/** The JSON body of one delivery. */
export function webhookBody<E extends WebhookEvent>(type: E, data: WebhookData[E], at: number): string {
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
}

/** Attempts before a delivery counts as failed, and the wait before each retry (minutes): about a day in all. */
export const RETRY_MINUTES = [1, 5, 30, 120, 480, 960] as const;

/** When the next attempt of a delivery is due after `attempts` failed ones, or null when it has run out of retries. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  const wait = RETRY_MINUTES[attempts - 1];
  return wait === undefined ? null : now + wait * 60_000;
}

/** Consecutive failed deliveries after which an endpoint is switched off and its coordinators told. */
export const DISABLE_AFTER_FAILURES = 5;
