/**
 * Carrying out a confirmed rematch, in this order: (1) the old pairing ends early through its room ("Rematched: …";
 * skipped when it has ended already) and its projection is flushed to D1; (2) the new pairing is created with the audit
 * entry in one guarded transaction, its id the confirmation key; (3) its journey starts and both people are emailed
 * (fixed ids). If the new partner's place was taken between (1) and (2), the old pairing stays ended and nothing else
 * is written: the coordinator is told so and can choose someone else. Every step can run again with the same key
 * without doing anything twice.
 */
import { endReason, leaveRefusal, type RematchSide, type PersonPairing } from "../domain/coordinator/rematch-rules";
import { startJourneys } from "../journey/start";
import { notify } from "../mail/notify";
import { loadPairing, roomOf } from "../pairings/access";
import type { PairingRecord } from "../domain/pairing";
import { KEY_REUSED, keyState } from "./confirm-key";
import { pairingEndedAt, pairingExists } from "../matching/pairings";
import { mailLocale } from "../domain/i18n/locales";
import { listText } from "../domain/i18n/intl";
import { greeting, msg, translator } from "../domain/i18n/translate";
import { languageOf } from "../people/profile-store";
import { createRematchPairing } from "./rematch-pairing";

/** A confirmed rematch. */
export interface RematchRun {
  program: { id: string; name: string; maxMentorsPerMentee: number };
  person: { id: string; name: string };
  partner: { id: string; name: string };
  side: RematchSide;
  /** The pairing to end (null when the person has none). */
  leave: PersonPairing | null;
  reason: string;
  key: string;
  coordinatorId: string;
  origin: string;
}

/** Done (the new pairing's id), or why not with a status; `ended` says the old pairing did end. */
export type RematchResult =
  | { ok: true; pairingId: string; repeated: boolean }
  | { ok: false; status: 404 | 409 | 422 | 429; error: string; ended: boolean };

/** Runs the rematch (see the file's comment for the order of its steps). */
export async function runRematch(env: Env, run: RematchRun, now = Date.now()): Promise<RematchResult> {
  const state = await keyState(env, run.key, "person.rematch", run.coordinatorId);
  if (state === "other") return { ok: false, status: 409, error: KEY_REUSED, ended: false };
  if (state === "done") return finishRematch(env, run.key, run.origin);
  // The key becomes the new pairing's id: one that names an existing pairing is not a confirmation this page made.
  if (await pairingExists(env, run.key)) return { ok: false, status: 409, error: KEY_REUSED, ended: false };
  const ended = await endOld(env, run);
  if (ended !== true) return ended;
  const created = await createRematchPairing(env, {
    id: run.key,
    programId: run.program.id,
    side: run.side,
    personId: run.person.id,
    partnerId: run.partner.id,
    maxMentorsPerMentee: run.program.maxMentorsPerMentee,
    coordinatorId: run.coordinatorId,
    fromId: run.leave?.id ?? null,
    reason: run.reason,
    now,
  });
  if (!created) return { ok: false, status: 409, error: tooLate(run), ended: run.leave !== null };
  const finished = await finishRematch(env, run.key, run.origin);
  // A confirmation that raced another and lost reports the rematch as already done, as a later resubmission would.
  return finished.ok ? { ...finished, repeated: created === "existed" } : finished;
}

/**
 * The steps after the new pairing exists, safe to run again (a resubmitted confirmation runs them again, so a first run
 * cut short still completes): its journey starts and both members are emailed.
 */
export async function finishRematch(env: Env, key: string, origin: string): Promise<RematchResult> {
  const pairing = await loadPairing(env, key);
  if (!pairing) return { ok: false, status: 409, error: KEY_REUSED, ended: false };
  await startJourneys(env, [key]);
  await mailMembers(env, pairing, origin);
  return { ok: true, pairingId: key, repeated: true };
}

/** Ends the old pairing through its room unless it has ended already; true, or the room's refusal. */
async function endOld(env: Env, run: RematchRun): Promise<true | Extract<RematchResult, { ok: false }>> {
  if (!run.leave || run.leave.final) return true;
  const refusal = leaveRefusal(run.leave.partners.length + 1);
  if (refusal) return { ok: false, status: 409, error: refusal, ended: false };
  const room = roomOf(env, run.leave.id);
  const result = await room.changeStage(
    { kind: "coordinator", personId: run.coordinatorId },
    "end",
    endReason(run.reason),
  );
  await room.flushProjection();
  if (result.ok) return true;
  return (await pairingEndedAt(env, run.leave.id))
    ? true
    : { ok: false, status: result.status === 403 ? 409 : result.status, error: result.error, ended: false };
}

/** The 409 sentence when the new pairing could not be created. */
/** Why the new pairing could not be made (a `msg` text). */
function tooLate(run: RematchRun): string {
  return run.leave
    ? msg("programs.rematch.tooLateEnded", {
        person: run.person.name,
        old: run.leave.partners.map((p) => p.name).join(", "),
        partner: run.partner.name,
      })
    : msg("programs.rematch.tooLate", { person: run.person.name, partner: run.partner.name });
}

/**
 * Emails each member that they have been matched (notification ids fixed by pairing and person, so a retry mails nobody
 * twice).
 */
async function mailMembers(env: Env, pairing: PairingRecord, origin: string): Promise<void> {
  const link = `${origin}/pairings/${pairing.id}`;
  for (const me of pairing.members) {
    const locale = mailLocale(await languageOf(env, me.personId));
    const t = translator(locale);
    const others = pairing.members.filter((m) => m.personId !== me.personId).map((m) => m.name);
    const program = pairing.programName;
    await notify(env, {
      id: `rematch:${pairing.id}:${me.personId}`,
      personId: me.personId,
      category: "program",
      kind: "matched",
      subject: t("programs.matchedMail.subject", { program }),
      text: `${greeting(me.name, t)}\n\n${t("programs.matchedMail.body", { names: listText(locale, others), program })}\n\n${t("programs.matchedMail.see", { link })}\n`,
      link,
      origin,
      thread: pairing.id,
    });
  }
}
