/**
 * Calendar feeds: the person's secret subscription links (whole calendar and per pairing), how to add them, rotate,
 * revoke.
 */
import { formatInstant } from "../../worker/domain/format-time";
import type { FeedLink } from "../../worker/domain/feed-link";
import { CsrfField } from "../components/form";

interface CalendarPageProps {
  csrf: string;
  timeZone: string;
  links: FeedLink[];
  pairings: { id: string; label: string }[];
  /** A link made just now: shown once, since only its hash is kept. */
  fresh?: { pairingId: string | null; url: string };
  notice?: string;
}

/** The feed address for calendar apps: webcal:// for one-tap subscribing, and the https form for pasting. */
function FreshLink({ url }: { url: string }) {
  const webcal = url.replace(/^https?:\/\//, "webcal://");
  return (
    <div class="notice" role="status">
      <p>
        <strong>Your new feed link.</strong> Copy it now: for your safety Trellis keeps only a fingerprint of it and
        cannot show it again (you can always make a new one).
      </p>
      <p>
        <a href={webcal}>Subscribe in your calendar app</a>
      </p>
      <label for="feed-url">Or paste this address into your calendar app</label>
      <input id="feed-url" type="text" readonly value={url} />
    </div>
  );
}

/** One feed's state and buttons. */
function FeedRow({
  csrf,
  label,
  pairingId,
  link,
  timeZone,
}: {
  csrf: string;
  label: string;
  pairingId: string | null;
  link?: FeedLink;
  timeZone: string;
}) {
  return (
    <li>
      <strong>{label}</strong>
      <br />
      {link ? (
        <span class="muted">
          On since {formatInstant(link.createdAt, timeZone)};{" "}
          {link.lastUsedAt
            ? `last read by a calendar ${formatInstant(link.lastUsedAt, timeZone)}`
            : "not read by a calendar yet"}
          .
        </span>
      ) : (
        <span class="muted">Off.</span>
      )}
      <form method="post" action="/calendar/feeds" class="inline">
        <CsrfField token={csrf} />
        <input type="hidden" name="pairing" value={pairingId ?? ""} />
        <button type="submit" class={link ? "secondary" : undefined}>
          {link ? "Make a new link (the old one stops working)" : "Make a link"}
        </button>
      </form>{" "}
      {link ? (
        <form method="post" action="/calendar/feeds/revoke" class="inline">
          <CsrfField token={csrf} />
          <input type="hidden" name="pairing" value={pairingId ?? ""} />
          <button type="submit" class="secondary">
            Turn off
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** The calendar feeds page. */
export function CalendarPage({ csrf, timeZone, links, pairings, fresh, notice }: CalendarPageProps) {
  const linkFor = (pairingId: string | null) => links.find((l) => l.pairingId === pairingId);
  return (
    <section class="narrow">
      <h1>Calendar feeds</h1>
      <p>
        Subscribe once and your meetings, milestone due dates and check-in windows appear in the calendar you already
        use, and stay up to date: moved meetings move, cancelled ones show as cancelled. The link is secret: anyone with
        it can read the feed, so make a new one if it leaks.
      </p>
      {notice ? (
        <p class="success" role="status">
          {notice}
        </p>
      ) : null}
      {fresh ? <FreshLink url={fresh.url} /> : null}
      <ul class="cards">
        <FeedRow
          csrf={csrf}
          label="Everything (all your pairings)"
          pairingId={null}
          link={linkFor(null)}
          timeZone={timeZone}
        />
        {pairings.map((p) => (
          <FeedRow csrf={csrf} label={p.label} pairingId={p.id} link={linkFor(p.id)} timeZone={timeZone} />
        ))}
      </ul>
      <h2>Adding the link to your calendar</h2>
      <ul>
        <li>
          <strong>iPhone, iPad, Mac (Apple Calendar):</strong> tap "Subscribe in your calendar app", or in Calendar
          choose File → New Calendar Subscription and paste the address.
        </li>
        <li>
          <strong>Google Calendar:</strong> on a computer, Other calendars → + → From URL, paste the address. Google
          refreshes it every few hours.
        </li>
        <li>
          <strong>Outlook:</strong> Add calendar → Subscribe from web, paste the address.
        </li>
        <li>
          <strong>Thunderbird and others:</strong> New Calendar → On the Network → iCalendar (ICS), paste the address.
        </li>
      </ul>
      <p>Each meeting's page also has an "Add to calendar" download for a single meeting.</p>
    </section>
  );
}
