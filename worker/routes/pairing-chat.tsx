/** A pairing's chat: the page, sending by form (htmx or not), polling for new messages, and the live socket. */
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { i18nFor, renderIn } from "../../views/i18n";
import { ChatForm, ChatPoller, MessagesPartial, PairingChatPage } from "../../views/pages/pairing-chat";
import type { Translate } from "../domain/i18n/translate";
import { refusalText } from "../domain/room/room-messages";
import { isFinal, type Stage } from "../domain/room/stages";
import { newId } from "../domain/random-secrets";
import { readForm, textField } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { wantsFragment } from "../middleware/renderer";
import { asMember, namesOf, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingChatRoutes = new Hono<AppEnv>();

const PATH = "/pairings/:pairingId/chat";

/** A message for a read-only (closed or ended) pairing, or null. */
function readOnlyText(stage: Stage, t: Translate): string | null {
  return isFinal(stage) ? t("chat.readOnly", { stage }) : null;
}

/** An htmx fragment in the request's language. */
function fragment(c: Context<AppEnv>, node: Child): Response {
  return c.html(renderIn(i18nFor(c.var.locale), node));
}

/** Reads a non-negative integer query value, or null. */
function seqParam(c: Context<AppEnv>, key: string): number | null {
  const v = c.req.query(key);
  return v && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

/** Renders the chat page (the newest messages, or an earlier page), with the form in the given state. */
async function renderChat(c: Context<AppEnv>, form: { clientId?: string; body?: string; error?: string } = {}) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const before = seqParam(c, "before");
  const [page, stage] = await Promise.all([room.chatPage(asMember(user.id), before), room.stage()]);
  if (!page.ok) return roomRefusal(c, page);
  const view = (
    <PairingChatPage
      pairing={pairing}
      stage={stage}
      viewerId={user.id}
      timeZone={user.timeZone}
      csrf={c.var.csrf}
      page={page.value}
      older={before !== null}
      form={{ clientId: form.clientId ?? newId(), body: form.body, error: form.error }}
      readOnly={readOnlyText(stage, c.var.t)}
    />
  );
  return c.render(view, { title: c.var.t("room.tab.chat"), scripts: ["chat"] });
}

pairingChatRoutes.get(PATH, requirePairingMember, (c) => renderChat(c));

pairingChatRoutes.post(PATH, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const form = await readForm(c);
  const clientId = textField(form, "client_id");
  const body = textField(form, "body");
  const result = await roomOf(c.env, pairing.id).postMessage(asMember(user.id), clientId, body);
  if (!result.ok) {
    if (result.status === 403 || result.status === 404) return roomRefusal(c, result);
    c.status(result.status);
    const error = result.errors?.body ?? refusalText(c.var.t, result);
    if (!wantsFragment(c)) return renderChat(c, { clientId, body, error });
    if (result.status === 409)
      return fragment(c, <ChatForm pairingId={pairing.id} csrf={c.var.csrf} clientId={clientId} readOnly={error} />);
    return fragment(
      c,
      <ChatForm pairingId={pairing.id} csrf={c.var.csrf} clientId={clientId} body={body} error={error} />,
    );
  }
  if (!wantsFragment(c)) return redirectAfterPost(c, `/pairings/${pairing.id}/chat#m-${result.value.message.seq}`);
  const page = { messages: [result.value.message], earlierBefore: null, lastSeq: result.value.message.seq };
  return fragment(
    c,
    <>
      <ChatForm pairingId={pairing.id} csrf={c.var.csrf} clientId={newId()} />
      <MessagesPartial page={page} names={namesOf(pairing)} viewerId={user.id} timeZone={user.timeZone} />
    </>,
  );
});

pairingChatRoutes.get(`${PATH}/since`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const after = seqParam(c, "after");
  // Plain answers for programs, not pages: the poller and the socket never get them from the chat page.
  if (after === null) return c.text("after must be a message number", 400);
  const result = await roomOf(c.env, pairing.id).chatAfter(asMember(user.id), after);
  if (!result.ok) return roomRefusal(c, result);
  if (result.value.messages.length === 0) return c.body(null, 204);
  return fragment(
    c,
    <>
      <ChatPoller pairingId={pairing.id} after={result.value.lastSeq} />
      <MessagesPartial page={result.value} names={namesOf(pairing)} viewerId={user.id} timeZone={user.timeZone} />
    </>,
  );
});

pairingChatRoutes.get(`${PATH}/socket`, requirePairingMember, async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
    return c.text("This address is for the live chat connection.", 426);
  const origin = c.req.header("Origin");
  if (!origin || origin !== new URL(c.req.url).origin) return c.text("Cross-site connections are not allowed.", 403);
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Trellis-Person", c.var.user!.id);
  headers.set("X-Trellis-Zone", c.var.user!.timeZone);
  // The live frames are rendered in the room, in the language this page speaks.
  headers.set("X-Trellis-Locale", c.var.locale);
  return roomOf(c.env, c.var.pairing.id).fetch(new Request(c.req.raw, { headers }));
});
