/**
 * A pairing's shared notes: list and create (from an agenda template), read and edit one, delete it. Every save names
 * the version it started from; when someone else saved in between, the page shows the current text and keeps theirs.
 */
import { type Context, Hono } from "hono";
import type { FormState } from "../../views/pages/pairing-goals";
import { NotePage, type NotePageProps, NotesPage } from "../../views/pages/pairing-notes";
import type { Translate } from "../domain/i18n/translate";
import { isTemplate, NOTE_TEMPLATE_IDS, type TemplateIds } from "../domain/room/notes";
import { refusalText } from "../domain/room/room-messages";
import { isFinal, type Stage } from "../domain/room/stages";
import { readForm, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, namesOf, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingNoteRoutes = new Hono<AppEnv>();

const LIST = "/pairings/:pairingId/notes";
const ONE = `${LIST}/:noteId`;

/** Only a note's own fields of what was posted. */
function noteFields(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(["title", "body"].filter((k) => k in form).map((k) => [k, form[k]!]));
}

/**
 * A new note's title and text: what was typed, or where left empty, the chosen agenda template's in the writer's
 * language (it is their note from then on).
 */
function fromTemplate(fields: Record<string, string>, template: string, t: Translate): Record<string, string> {
  const ids: TemplateIds = isTemplate(template) ? NOTE_TEMPLATE_IDS[template] : NOTE_TEMPLATE_IDS.blank;
  return {
    title: (fields.title ?? "").trim() || (ids.title ? t(ids.title) : ""),
    body: (fields.body ?? "").trim() ? (fields.body ?? "") : ids.body ? t(ids.body) : "",
  };
}

/** The version a save started from; anything unreadable can match no version, so it is treated as out of date. */
function versionOf(text: string | undefined): number {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : -1;
}

/** The notes tab, with the new-note form as typed after a refusal. */
async function renderList(c: Context<AppEnv>, form?: FormState) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const notes = await room.notes(asMember(user.id));
  if (!notes.ok) return roomRefusal(c, notes);
  const stage = await room.stage();
  const page = (
    <NotesPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      notes={notes.value}
      names={namesOf(pairing)}
      form={form}
    />
  );
  return c.render(page, { title: c.var.t("room.tab.notes") });
}

/** One note's page: as stored, or with the person's typed text after a refusal or a conflict. */
async function renderNote(
  c: Context<AppEnv>,
  extra: Pick<NotePageProps, "form" | "conflict" | "saved"> & { baseVersion?: number } = {},
) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const note = await room.note(asMember(user.id), c.req.param("noteId") ?? "");
  if (!note.ok) return roomRefusal(c, note);
  const stage = await room.stage();
  const page = (
    <NotePage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      note={note.value}
      names={namesOf(pairing)}
      form={extra.form}
      conflict={extra.conflict}
      saved={extra.saved}
      baseVersion={extra.baseVersion ?? note.value.version}
    />
  );
  return c.render(page, { title: note.value.title });
}

pairingNoteRoutes.get(LIST, requirePairingMember, (c) => renderList(c));

pairingNoteRoutes.post(LIST, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const values = typedValues(await readForm(c));
  const result = await roomOf(c.env, pairing.id).addNote(
    asMember(c.var.user!.id),
    fromTemplate(noteFields(values), values.template ?? "blank", c.var.t),
    "blank",
  );
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/notes/${result.value.id}`);
  if (result.status !== 422) return roomRefusal(c, result);
  c.status(422);
  return renderList(c, { values, errors: result.errors, message: refusalText(c.var.t, result) });
});

pairingNoteRoutes.get(ONE, requirePairingMember, (c) => renderNote(c, { saved: c.req.query("saved") === "1" }));

pairingNoteRoutes.post(ONE, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const room = roomOf(c.env, pairing.id);
  const noteId = c.req.param("noteId");
  const values = typedValues(await readForm(c));
  const baseVersion = versionOf(values.version);
  const result = await room.editNote(asMember(c.var.user!.id), noteId, noteFields(values), baseVersion);
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/notes/${noteId}?saved=1`);
  const kept = { title: values.title ?? "", body: values.body ?? "" };
  if (result.status === 422) {
    c.status(422);
    return renderNote(c, {
      form: { values: kept, errors: result.errors, message: refusalText(c.var.t, result) },
      baseVersion,
    });
  }
  // A 409 is either a closed pairing or someone else's save; only the second keeps the form, based on the current
  // version.
  if (result.status === 409 && !isFinal((await room.stage()) as Stage)) {
    c.status(409);
    return renderNote(c, { form: { values: kept }, conflict: refusalText(c.var.t, result) });
  }
  return roomRefusal(c, result);
});

pairingNoteRoutes.post(`${ONE}/delete`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const result = await roomOf(c.env, pairing.id).removeNote(asMember(c.var.user!.id), c.req.param("noteId"));
  if (!result.ok) return roomRefusal(c, result);
  return redirectAfterPost(c, `/pairings/${pairing.id}/notes`);
});
