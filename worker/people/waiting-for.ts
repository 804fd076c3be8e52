/**
 * `waitingFor(env, personId)`: every action waiting on a person across their programs, each with the page to do it on
 * — mentoring requests to answer, agreements to sign, meeting proposals to answer, open check-ins and surveys, unread
 * chat and an incomplete profile. Read from D1 (the pairing projection, requests, memberships, the profile); no room is called.
 * Home shows the list; the weekly digest can list the same.
 */
import { shortCheckinToken } from "../checkins/answer-links";
import { mentorRequests } from "../matching/requests";
import { memberWaiting } from "../pairings/waiting";
import { nextStep, type ParticipantRole, profileCompleteness, stepsFor } from "../domain/onboarding/completeness";
import type { Person } from "../domain/records";
import { type NextVideoMeeting, sortWaiting, type WaitingItem } from "../domain/waiting";
import { openSurveyRequests } from "../surveys/surveys";
import { programsOf } from "./person-programs";
import { personById } from "./profile-store";

/** The stages in which members are asked to sign their agreement. */
const SIGNING_STAGES = new Set(["onboarding", "active", "wrapping_up"]);

/** Everything waiting for the person, most urgent first, and their next video meeting (for a Join link). */
export async function waitingWithNext(
  env: Env,
  personId: string,
  now = Date.now(),
  known?: Person,
): Promise<{ items: WaitingItem[]; next: NextVideoMeeting | null }> {
  const [person, memberships, projected, surveys] = await Promise.all([
    known ?? personById(env, personId),
    programsOf(env, personId),
    memberWaiting(env, personId, now),
    openSurveyRequests(env, personId, now),
  ]);
  if (!person || person.deletedAt !== null) return { items: [], next: null };
  const items: WaitingItem[] = [];
  const active = memberships.filter((m) => m.status === "active");

  const mentorIn = active.filter((m) => m.role === "mentor");
  const requests = await Promise.all(mentorIn.map((m) => mentorRequests(env, m.id, personId, now)));
  mentorIn.forEach((m, i) => {
    const r = requests[i]!;
    const first = r.open[0];
    if (first)
      items.push({
        kind: "request",
        programId: m.id,
        programName: m.name,
        fromName: first.otherName || first.otherEmail,
        count: r.openTotal,
        expiresAt: first.expiresAt,
        path: `/programs/${m.id}/me`,
      });
  });

  for (const p of projected.pairings) {
    const base = { pairingId: p.pairingId, partners: p.partners };
    if (SIGNING_STAGES.has(p.stage) && p.agreementVersion > 0 && p.signedVersion < p.agreementVersion)
      items.push({
        kind: "agreement",
        ...base,
        programName: p.programName,
        action: "sign",
        version: p.agreementVersion,
        path: `/pairings/${p.pairingId}/agreement`,
      });
    else if (p.stage === "onboarding" && p.agreementVersion === 0)
      items.push({
        kind: "agreement",
        ...base,
        programName: p.programName,
        action: "write",
        version: 0,
        path: `/pairings/${p.pairingId}/agreement`,
      });
    if (p.unread > 0) items.push({ kind: "chat", ...base, unread: p.unread, path: `/pairings/${p.pairingId}/chat` });
  }
  const partnersOf = (id: string) => projected.pairings.find((p) => p.pairingId === id)?.partners ?? [];
  for (const m of projected.meetings)
    items.push({
      kind: "meeting",
      ...m,
      partners: partnersOf(m.pairingId),
      path: `/pairings/${m.pairingId}/meetings/${m.meetingId}`,
    });
  for (const c of projected.checkins) {
    const token = await shortCheckinToken(env, c.checkinId, personId, c.closesAt);
    items.push({ kind: "checkin", ...c, partners: partnersOf(c.pairingId), path: `/c/${token}` });
  }
  for (const s of surveys) items.push({ kind: "survey", ...s, path: `/surveys/${s.requestId}` });

  const rolesByProgram = new Map<string, { name: string; roles: ParticipantRole[] }>();
  for (const m of active) {
    if (m.role !== "mentor" && m.role !== "mentee") continue;
    const entry = rolesByProgram.get(m.id) ?? { name: m.name, roles: [] };
    entry.roles.push(m.role);
    rolesByProgram.set(m.id, entry);
  }
  for (const [programId, { name, roles }] of rolesByProgram) {
    const missing = profileCompleteness(person, roles);
    const step = nextStep(stepsFor(roles), missing, null);
    if (!step) continue;
    items.push({
      kind: "profile",
      programId,
      programName: name,
      missing,
      path: `/programs/${programId}/welcome/${step}`,
    });
    break; // One profile, one item: finishing it for this program shows what another program still needs.
  }
  return { items: sortWaiting(items), next: projected.next };
}

/** Everything waiting for the person across their programs, most urgent first (typed records with the page to go to). */
export async function waitingFor(env: Env, personId: string, now = Date.now()): Promise<WaitingItem[]> {
  return (await waitingWithNext(env, personId, now)).items;
}
