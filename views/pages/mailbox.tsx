/** The dev mailbox: every message Trellis sent while no real transport is configured, with its links. */
import { formatInstant } from "../../worker/domain/format-time";
import type { StoredMail } from "../../worker/domain/records";
import { storedMailHeaders } from "../../worker/domain/mail-headers";

const LINK = /https?:\/\/[^\s<>"]+/g;

/** Lists messages, newest first, each with the links it contains. */
export function Mailbox({ messages, to, timeZone }: { messages: StoredMail[]; to?: string; timeZone: string }) {
  return (
    <section>
      <h1>Dev mailbox</h1>
      <p class="muted">
        Mail is kept here because no email transport is configured. This page does not exist in production.
      </p>
      <form method="get" action="/dev/mailbox" class="field">
        <label for="f-to">Show mail for</label>
        <input id="f-to" type="email" name="to" value={to ?? ""} />
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ul class="cards">
        {messages.map((m) => (
          <li>
            <a href={`/dev/mailbox/${m.id}`}>{m.subject}</a>{" "}
            <span class="muted">
              to {m.toEmail}, {formatInstant(m.createdAt, timeZone)}
            </span>
            <p class="muted">
              <Delivery message={m} timeZone={timeZone} />
            </p>
            <ul>
              {(m.bodyText.match(LINK) ?? []).map((href) => (
                <li>
                  <a href={href}>{href.length > 80 ? `${href.slice(0, 80)}…` : href}</a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One message in full. */
export function MailMessage({ message, timeZone }: { message: StoredMail; timeZone: string }) {
  return (
    <section>
      <p>
        <a href="/dev/mailbox">← Mailbox</a>
      </p>
      <h1>{message.subject}</h1>
      <p class="muted">
        To {message.toEmail}, {formatInstant(message.createdAt, timeZone)}
      </p>
      <p>
        <Delivery message={message} timeZone={timeZone} />
      </p>
      <h2>Headers</h2>
      <pre class="mail">{headerLines(message)}</pre>
      <pre class="mail">{message.bodyText}</pre>
      <h2>Links</h2>
      <ul>
        {(message.bodyText.match(LINK) ?? []).map((href) => (
          <li>
            <a href={href}>{href}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Status, category and the earliest delivery time (the recipient's contact hours) of a message. */
function Delivery({ message, timeZone }: { message: StoredMail; timeZone: string }) {
  const later = message.notBefore !== null && message.notBefore > message.createdAt;
  return (
    <>
      Status: {message.status}
      {message.category ? `, category: ${message.category}` : ""}
      {later ? `, not before ${formatInstant(message.notBefore!, timeZone)} (recipient's contact hours)` : ""}
      {message.error ? `, error: ${message.error}` : ""}
    </>
  );
}

/** The headers a real transport sends the message with (From and Date are the email endpoint's). */
function headerLines(message: StoredMail): string {
  const headers: Record<string, string> = {
    To: message.toEmail,
    Subject: message.subject,
    ...storedMailHeaders(message),
  };
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}
