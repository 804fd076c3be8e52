/** Home pages. */
import { unreadLabel } from "../../worker/domain/room/chat";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { OwnPairing } from "../../worker/domain/pairing";
import type { Person } from "../../worker/domain/records";

/** For visitors: what Trellis is and how to get in. */
export function Welcome() {
  return (
    <section class="narrow">
      <h1>Mentoring that fits your life</h1>
      <p>
        Trellis matches mentors and mentees, and guides each pairing from the first hello to wrap-up — with check-ins
        you can answer straight from your email.
      </p>
      <p>
        <a class="button" href="/signin">
          Sign in with your email
        </a>
      </p>
    </section>
  );
}

interface MembershipRow {
  id: string;
  name: string;
  type: string;
  role: string;
  status: string;
}

/** For signed-in people: their programs and roles. */
export function Home({
  user,
  memberships,
  pairings,
}: {
  user: Person;
  memberships: MembershipRow[];
  pairings: OwnPairing[];
}) {
  return (
    <section>
      <h1>Welcome{user.name ? `, ${user.name}` : ""}</h1>
      {!user.name || user.availability.length === 0 ? (
        <p class="notice">
          Your profile is not complete yet. <a href="/profile">Add your details</a> so we can find good matches.
        </p>
      ) : null}
      {pairings.length ? (
        <>
          <h2>Your pairings</h2>
          <ul class="cards">
            {pairings.map((pr) => (
              <li>
                <a href={`/pairings/${pr.id}`}>With {pr.others.map((o) => o.name || o.email).join(", ")}</a>
                {pr.unread ? <strong class="badge"> {unreadLabel(pr.unread)}</strong> : null}
                <span class="muted"> — {STAGE_LABELS[pr.stage as Stage] ?? pr.stage}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Your programs</h2>
      {memberships.length === 0 ? (
        <p>You are not in any program yet.</p>
      ) : (
        <ul class="cards">
          {memberships.map((m) => (
            <li>
              {m.role === "coordinator" ? (
                <a href={`/programs/${m.id}`}>{m.name}</a>
              ) : m.status === "active" ? (
                <a href={`/programs/${m.id}/me`}>{m.name}</a>
              ) : (
                <strong>{m.name}</strong>
              )}
              <span class="muted">
                {" "}
                — {m.role}
                {m.status === "invited" ? " (invited)" : ""}, {m.type}
              </span>
            </li>
          ))}
        </ul>
      )}
      {user.canCreatePrograms ? (
        <p>
          <a class="button" href="/programs/new">
            Create a program
          </a>
        </p>
      ) : null}
    </section>
  );
}
