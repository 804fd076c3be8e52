/**
 * The pairing's chat. Without JavaScript: the latest messages, a form that posts, a link to earlier pages. With htmx:
 * new messages arrive over a WebSocket (hx-ws), a slow poll catches up where sockets are blocked, and sending swaps in
 * a fresh form; every copy of a message carries the same id, so the upsert swap never shows it twice.
 */
import { MESSAGE_MAX } from "../../worker/domain/room/chat";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { ChatPage } from "../../worker/domain/room/types";
import { CsrfField, textareaText } from "../components/form";
import { PairingNav } from "../components/pairing-nav";
import { ChatMessages, MESSAGE_SWAP } from "../partials/chat-message";
import { Icon } from "../components/icon";
import { ErrorText } from "../components/form";
import { useI18n } from "../i18n";

/** Seconds between polls for new messages (only matters when the socket cannot connect). */
export const POLL_SECONDS = 20;

interface ChatFormProps {
  pairingId: string;
  csrf: string;
  clientId: string;
  body?: string;
  error?: string;
  readOnly?: string | null;
}

/** The send form; `clientId` is new for every message, so a resent form is stored once. */
export function ChatForm({ pairingId, csrf, clientId, body, error, readOnly }: ChatFormProps) {
  const { t } = useI18n();
  if (readOnly) {
    return (
      <p id="chat-form" class="notice">
        {readOnly}
      </p>
    );
  }
  const action = `/pairings/${pairingId}/chat`;
  return (
    <form
      id="chat-form"
      class="chat-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
    >
      <CsrfField token={csrf} />
      <input type="hidden" name="client_id" value={clientId} />
      <label for="f-body" class="vh">
        {t("chat.message")}
      </label>
      <textarea
        id="f-body"
        name="body"
        rows={2}
        maxlength={MESSAGE_MAX}
        placeholder={t("chat.placeholder")}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? "e-body" : undefined}
      >
        {textareaText(body, MESSAGE_MAX)}
      </textarea>
      {error ? (
        <p id="e-body" class="error" role="alert">
          <ErrorText text={error} />
        </p>
      ) : null}
      <button type="submit">
        <Icon name="send" />
        {t("chat.send")}
      </button>
    </form>
  );
}

/** The poller: asks for messages after `after` every so often; each answer replaces it with a newer cursor. */
export function ChatPoller({ pairingId, after }: { pairingId: string; after: number }) {
  return (
    <div
      id="chat-poll"
      hx-get={`/pairings/${pairingId}/chat/since?after=${after}`}
      hx-trigger={`every ${POLL_SECONDS}s`}
      hx-target="this"
      hx-swap="outerHTML"
    ></div>
  );
}

/** New messages as an htmx partial merged into the list. */
export function MessagesPartial({
  page,
  names,
  viewerId,
  timeZone,
}: {
  page: ChatPage;
  names: Record<string, string>;
  viewerId: string;
  timeZone: string;
}) {
  return (
    <hx-partial hx-target="#messages" hx-swap={MESSAGE_SWAP}>
      <ChatMessages messages={page.messages} names={names} viewerId={viewerId} timeZone={timeZone} />
    </hx-partial>
  );
}

interface ChatPageProps {
  pairing: PairingRecord;
  stage: string;
  viewerId: string;
  timeZone: string;
  csrf: string;
  page: ChatPage;
  /** Whether this is an earlier page (no live updates, no form). */
  older: boolean;
  form: { clientId: string; body?: string; error?: string };
  readOnly: string | null;
}

/** The chat page. */
export function PairingChatPage({
  pairing,
  stage,
  viewerId,
  timeZone,
  csrf,
  page,
  older,
  form,
  readOnly,
}: ChatPageProps) {
  const { t } = useI18n();
  const base = `/pairings/${pairing.id}/chat`;
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.name]));
  const live = older ? {} : { "hx-ws:connect": `${base}/socket`, "hx-swap": MESSAGE_SWAP };
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={viewerId} tab="chat" stage={stage} />
      <p class="hint">{t("chat.zone", { zone: timeZone })}</p>
      {page.earlierBefore !== null ? (
        <p>
          <a href={`${base}?before=${page.earlierBefore}`}>{t("chat.earlier")}</a>
        </p>
      ) : null}
      {page.messages.length === 0 ? (
        <div id="no-messages" class="empty">
          <Icon name="chat" />
          <p>{t("chat.empty")}</p>
        </div>
      ) : null}
      <ol id="messages" class="chat" aria-label={t("chat.messages")} aria-live="polite" {...live}>
        <ChatMessages messages={page.messages} names={names} viewerId={viewerId} timeZone={timeZone} />
      </ol>
      <span id="latest"></span>
      {older ? (
        <p>
          <a href={base}>{t("chat.latest")}</a>
        </p>
      ) : (
        <div class="composer">
          <ChatPoller pairingId={pairing.id} after={page.lastSeq} />
          <ChatForm
            pairingId={pairing.id}
            csrf={csrf}
            clientId={form.clientId}
            body={form.body}
            error={form.error}
            readOnly={readOnly}
          />
        </div>
      )}
    </section>
  );
}
