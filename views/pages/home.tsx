/** Home pages. */
import { unreadLabel } from "../../worker/domain/room/chat";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { OwnPairing } from "../../worker/domain/pairing";
import type { Person } from "../../worker/domain/records";
import type { NextVideoMeeting, WaitingItem } from "../../worker/domain/waiting";
import { BothZones, NextMeeting, withNames } from "../components/next-meeting";
import { GapList } from "./onboarding";
import { Icon, type IconName } from "../components/icon";
import { Avatar } from "../components/avatar";

/** What a visitor reads about Trellis: three cards under the welcome. */
const FEATURES: [IconName, string, string][] = [
  ["match", "Matched with care", "Goals, expertise, languages and time zones decide who meets whom, with reasons."],
  ["flag", "Guided all the way", "An agreement, meetings, goals and notes in one room, with check-ins by email."],
  [
    "clock",
    "Fits your day",
    "Every time in your own zone; small pages that work on any phone, even on a slow connection.",
  ],
];

/** For visitors: what Trellis is and how to get in. */
export function Welcome() {
  return (
    <section>
      <div class="narrow">
        <h1>Mentoring that fits your life</h1>
        <p>
          Trellis matches mentors and mentees, and guides each pairing from the first hello to wrap-up — with check-ins
          you can answer straight from your email.
        </p>
        <p>
          <a class="button" href="/signin">
            Sign in with your email
            <Icon name="arrow" />
          </a>
        </p>
      </div>
      <div class="tiles">
        {FEATURES.map(([icon, title, text]) => (
          <section class="card">
            <h2>
              <Icon name={icon} /> {title}
            </h2>
            <p>{text}</p>
          </section>
        ))}
      </div>
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

const MILESTONE_WORDS: Record<string, string> = { "mid-point": "Mid-point review", "wrap-up": "Wrap-up survey" };

/** One waiting item: what to do, as a link, and when it stops waiting. */
function WaitingLine({ item, zone }: { item: WaitingItem; zone: string }) {
  switch (item.kind) {
    case "request":
      return (
        <>
          <a href={item.path}>
            Answer {item.count > 1 ? `${item.count} mentoring requests` : `${item.fromName}'s mentoring request`}
          </a>{" "}
          <span class="muted">
            in {item.programName}, expires <BothZones at={item.expiresAt} viewerZone={zone} partners={[]} />
          </span>
        </>
      );
    case "agreement":
      return (
        <>
          <a href={item.path}>
            {item.action === "sign" ? "Sign your mentoring agreement" : "Write your mentoring agreement"}
          </a>
          <span class="muted">
            {withNames(item.partners)} ({item.programName})
          </span>
        </>
      );
    case "meeting":
      return (
        <>
          <a href={item.path}>Answer the meeting proposal “{item.title}”</a>
          <span class="muted">{withNames(item.partners)}: </span>
          <BothZones at={item.start} viewerZone={zone} partners={item.partners} />
        </>
      );
    case "checkin":
      return (
        <>
          <a href={item.path}>Answer the {MILESTONE_WORDS[item.milestone] ?? "check-in"}</a>
          <span class="muted">
            {withNames(item.partners)}, open until <BothZones at={item.closesAt} viewerZone={zone} partners={[]} />
          </span>
        </>
      );
    case "chat":
      return (
        <>
          <a href={item.path}>
            Read {unreadLabel(item.unread)} {item.unread === 1 ? "message" : "messages"}
          </a>
          <span class="muted">{withNames(item.partners)}</span>
        </>
      );
    case "profile":
      return (
        <>
          <a href={item.path}>Finish your profile</a>
          <span class="muted">
            {" "}
            for {item.programName}: add your <GapList gaps={item.missing} />
          </span>
        </>
      );
  }
}

/** For signed-in people: what is waiting for them, their pairings, programs and roles. */
export function Home({
  user,
  memberships,
  pairings,
  waiting,
  next,
}: {
  user: Person;
  memberships: MembershipRow[];
  pairings: OwnPairing[];
  waiting: WaitingItem[];
  next: NextVideoMeeting | null;
}) {
  const zone = user.timeZone;
  const participant = memberships.some((m) => m.role !== "coordinator");
  return (
    <section>
      <h1>Welcome{user.name ? `, ${user.name}` : ""}</h1>
      {next ? <NextMeeting next={next} zone={zone} /> : null}
      <h2 id="waiting">Waiting for you</h2>
      {waiting.length ? (
        <ul class="cards waiting">
          {waiting.map((item) => (
            <li>
              <WaitingLine item={item} zone={zone} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Nothing is waiting for you.{" "}
          {pairings.length
            ? "Say hello in your pairing's chat, or plan your next meeting."
            : participant
              ? "You will get an email when you have a match; meanwhile, keep your profile up to date."
              : memberships.length
                ? "Open your program to see how it is going."
                : "When a coordinator invites you to a program, the invitation arrives by email."}{" "}
          {memberships.length === 0 || participant ? <a href="/profile">Your profile</a> : null}
        </p>
      )}
      {pairings.length ? (
        <>
          <h2>Your pairings</h2>
          <ul class="cards">
            {pairings.map((pr) => (
              <li class="person">
                <Avatar id={pr.others[0]?.email ?? pr.id} name={pr.others[0]?.name || pr.others[0]?.email || "?"} />
                <p>
                  <a href={`/pairings/${pr.id}`}>With {pr.others.map((o) => o.name || o.email).join(", ")}</a>{" "}
                  <span class={`stage stage-${pr.stage}`}>{STAGE_LABELS[pr.stage as Stage] ?? pr.stage}</span>
                  {pr.unread ? <strong class="badge info"> {unreadLabel(pr.unread)}</strong> : null}
                </p>
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
              {m.role !== "coordinator" && m.status === "active" ? (
                <>
                  {" "}
                  · <a href={`/programs/${m.id}/welcome`}>Getting started</a>
                </>
              ) : null}
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
