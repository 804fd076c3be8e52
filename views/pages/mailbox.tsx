/** The dev mailbox: every message Trellis sent while no real transport is configured, with its links. */
import type { notifications } from "../../worker/db/schema";
import { formatInstant } from "../../worker/domain/format-time";

type Message = typeof notifications.$inferSelect;

const LINK = /https?:\/\/[^\s<>"]+/g;

/** Lists messages, newest first, each with the links it contains. */
export function Mailbox({ messages, to, timeZone }: { messages: Message[]; to?: string; timeZone: string }) {
  return (
    <section>
      <h1>Dev mailbox</h1>
      <p class="muted">Mail is kept here because no email transport is configured. This page does not exist in production.</p>
      <form method="get" action="/dev/mailbox" class="field">
        <label for="f-to">Show mail for</label>
        <input id="f-to" type="email" name="to" value={to ?? ""} />
        <button type="submit" class="secondary">Filter</button>
      </form>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ul class="cards">
        {messages.map((m) => (
          <li>
            <a href={`/dev/mailbox/${m.id}`}>{m.subject}</a> <span class="muted">to {m.toEmail}, {formatInstant(m.createdAt, timeZone)}</span>
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
export function MailMessage({ message, timeZone }: { message: Message; timeZone: string }) {
  return (
    <section>
      <p>
        <a href="/dev/mailbox">← Mailbox</a>
      </p>
      <h1>{message.subject}</h1>
      <p class="muted">
        To {message.toEmail}, {formatInstant(message.createdAt, timeZone)}
      </p>
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
