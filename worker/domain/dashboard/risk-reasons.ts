/**
 * The words of a stored risk reason in the viewer's language: the room stores the reason as English text, so the
 * reasons Trellis writes itself (the check-in answer in worker/room/checkins.ts, the journey's in workflows/journey.ts)
 * are recognised and given a message id (with the name they quote); any other reason (a
 * coordinator's own words) is shown as it was written. Pure.
 */
import type { MessageId, MessageValues, Translate } from "../i18n/translate";

/** A reason Trellis writes, as the pattern of its English text and the message that says it. */
const KNOWN: { pattern: RegExp; id: MessageId; values: (m: RegExpExecArray) => MessageValues }[] = [
  {
    pattern: /^(.*) answered "Struggling" to a check-in\.$/s,
    id: "dashboard.risk.struggling",
    values: (m) => ({ name: m[1]! }),
  },
  {
    pattern: /^No mentoring agreement (\d+) days after it was due\.$/,
    id: "dashboard.risk.noAgreement",
    values: (m) => ({ days: Number(m[1]) }),
  },
  {
    pattern: /^No meeting held a week after the first one was due\.$/,
    id: "dashboard.risk.noFirstMeeting",
    values: () => ({}),
  },
  {
    pattern: /^(\d+) check-ins in a row unanswered\.$/,
    id: "dashboard.risk.unanswered",
    values: (m) => ({ n: Number(m[1]) }),
  },
  {
    pattern: /^No meeting held for more than (\d+) days\.$/,
    id: "dashboard.risk.silent",
    values: (m) => ({ days: Number(m[1]) }),
  },
];

/** The message of a stored reason, or null when the reason is someone's own words. */
export function riskReasonMessage(reason: string): { id: MessageId; values: MessageValues } | null {
  for (const k of KNOWN) {
    const m = k.pattern.exec(reason);
    if (m) return { id: k.id, values: k.values(m) };
  }
  return null;
}

/** A stored reason as a person reads it: translated when Trellis wrote it, else the words as written. */
export function riskReasonText(reason: string, t: Translate): string {
  const known = riskReasonMessage(reason);
  return known ? t(known.id, known.values) : reason;
}
