/**
 * A meeting proposal answered from its email link, without signing in: the meeting in the member's zone and their
 * partners', and one button (Accept or Decline, as the link said). Opening the page records nothing (mail scanners
 * open links); pressing the button does. Plain HTML: works in any browser.
 */
import { formatInstant } from "../../worker/domain/format-time";
import { MEETING_KINDS, type MeetingKind } from "../../worker/domain/meetings/types";
import { CsrfField } from "../components/form";

interface MeetingLinkPageProps {
  csrf: string;
  token: string;
  title: string;
  kind: MeetingKind;
  /** The proposer's name. */
  organizer: string;
  start: number;
  minutes: number;
  /** The member's zone first, then each other zone with whose it is. */
  zones: { zone: string; whose: string }[];
  status: "proposed" | "confirmed" | "declined" | "cancelled";
  /** This member's answer so far. */
  mine: "pending" | "accepted" | "declined";
  /** The answer the link asked for. */
  choice: "accept" | "decline" | null;
  error?: string;
  done?: boolean;
}

/** What a decided meeting's page says instead of buttons. */
function decided(p: MeetingLinkPageProps): string {
  if (p.status === "confirmed") return "This meeting is confirmed: everyone accepted.";
  if (p.status === "declined") return "This proposal was declined, so it no longer needs an answer.";
  if (p.status === "cancelled") return "This meeting was cancelled.";
  return "You accepted; the meeting is confirmed once everyone has.";
}

/** The meeting link page. */
export function MeetingLinkPage(p: MeetingLinkPageProps) {
  const open = p.status === "proposed" && p.mine === "pending";
  const answers =
    p.choice === "decline"
      ? (["declined"] as const)
      : p.choice === "accept"
        ? (["accepted"] as const)
        : (["accepted", "declined"] as const);
  return (
    <section class="narrow">
      <h1>{p.title}</h1>
      <p>
        {MEETING_KINDS[p.kind]}, {p.minutes} minutes, proposed by {p.organizer}.
      </p>
      <ul>
        {p.zones.map((z) => (
          <li>
            {formatInstant(p.start, z.zone)}: {z.whose}
          </li>
        ))}
      </ul>
      {p.done ? (
        <p class="success" role="status">
          Thank you! Your answer is recorded. {decided(p)}
        </p>
      ) : null}
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      {open ? (
        <form method="post" action={`/m/${p.token}`}>
          <CsrfField token={p.csrf} />
          <p>
            {answers.map((a) => (
              <>
                <button type="submit" name="answer" value={a}>
                  {a === "accepted" ? "Accept this meeting" : "Decline this meeting"}
                </button>{" "}
              </>
            ))}
          </p>
          {p.choice ? (
            <p>
              <a href={`/m/${p.token}?a=${p.choice === "accept" ? "decline" : "accept"}`}>
                {p.choice === "accept" ? "Decline instead" : "Accept instead"}
              </a>
            </p>
          ) : null}
        </form>
      ) : p.done ? null : (
        <p class="notice">
          {p.mine === "declined" && p.status === "declined" ? "You declined this proposal." : decided(p)}
        </p>
      )}
      <p>
        <a href={`/m/${p.token}/meeting.ics`}>Add it to your calendar (.ics)</a>
      </p>
    </section>
  );
}

/** A meeting link that does not (or no longer) work, and why. */
export function MeetingLinkProblem({ title, message }: { title: string; message: string }) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to Trellis</a>
      </p>
    </section>
  );
}
