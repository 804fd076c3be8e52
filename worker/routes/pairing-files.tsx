/**
 * A pairing's shared files: list and upload (multipart, body up to the file limit: middleware/body-limit.tsx), one
 * file with its comments, download (members only, as an inert attachment), remove. The room checks membership on
 * every call and owns the files (worker/room/files.ts).
 */
import { type Context, Hono } from "hono";
import { type FilePageProps, FilePage, FilesPage } from "../../views/pages/pairing-files";
import type { FormState } from "../../views/pages/pairing-goals";
import { contentTypeOf, type FileKind, type FileProblem, PROBLEM_MESSAGES } from "../domain/files/file-kinds";
import { isMessageId } from "../domain/i18n/translate";
import { libraryFor } from "../domain/library/library";
import { libraryFile, openLibraryItem, pairingLibrary } from "../library/library";
import { LibraryItemPage } from "../../views/pages/program-library";
import { NotFoundPage } from "../../views/pages/errors";
import type { RoomError } from "../domain/room/types";
import { readForm, textField } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { attachmentResponse, readUpload } from "../http/uploaded-file";
import { asMember, namesOf, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingFileRoutes = new Hono<AppEnv>();

const LIST = "/pairings/:pairingId/files";
const ONE = `${LIST}/:fileId`;

/** The room's refusal with its message id in the viewer's language. */
function translated(c: Context<AppEnv>, err: RoomError): RoomError {
  return isMessageId(err.error) ? { ...err, error: c.var.t(err.error) } : err;
}

/** The refusal of a file the route already knows is not accepted. */
const refusedFile = (problem: FileProblem): RoomError => ({
  ok: false,
  status: 422,
  error: "files.error.fix",
  errors: { file: PROBLEM_MESSAGES[problem] },
});

/** A form refusal (422) renders the page again with what was typed; anything else is the room's refusal page. */
function formState(err: RoomError, values: Record<string, string>): FormState | null {
  if (err.status !== 422) return null;
  return { values, errors: err.errors, message: err.errors ? undefined : err.error };
}

/** The files tab, with the upload form as sent after a refusal. */
async function renderList(c: Context<AppEnv>, form?: FormState) {
  const { pairing, user } = c.var;
  const room = roomOf(c.env, pairing.id);
  const files = await room.files(asMember(user!.id));
  if (!files.ok) return roomRefusal(c, translated(c, files));
  const shelf = await pairingLibrary(c.env, pairing.id);
  const stage = await room.stage();
  const page = (
    <FilesPage
      library={libraryFor(shelf.items, stage, shelf.tags)}
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user!.id}
      stage={stage}
      timeZone={user!.timeZone}
      files={files.value}
      names={namesOf(pairing)}
      form={form}
    />
  );
  return c.render(page, { title: c.var.t("files.title") });
}

/** One file's page, with the comment form as typed after a refusal. */
async function renderFile(c: Context<AppEnv>, form?: FormState) {
  const { pairing, user } = c.var;
  const room = roomOf(c.env, pairing.id);
  const found = await room.file(asMember(user!.id), c.req.param("fileId") ?? "");
  if (!found.ok) return roomRefusal(c, translated(c, found));
  const props: FilePageProps = {
    csrf: c.var.csrf,
    pairing,
    viewerId: user!.id,
    stage: await room.stage(),
    timeZone: user!.timeZone,
    file: found.value.file,
    comments: found.value.comments,
    names: namesOf(pairing),
    form,
  };
  return c.render(<FilePage {...props} />, { title: found.value.file.name });
}

pairingFileRoutes.get(LIST, requirePairingMember, (c) => renderList(c));

pairingFileRoutes.post(LIST, requirePairingMember, async (c) => {
  const { pairing, user } = c.var;
  const form = await readForm(c);
  const values = { note: textField(form, "note") };
  // Checked here first so that a refused file never travels to the room (which checks again, as the one writer).
  const sent = await readUpload(form);
  const result = sent.ok
    ? await roomOf(c.env, pairing.id).addFile(asMember(user!.id), {
        name: sent.upload.name,
        note: values.note,
        bytes: sent.upload.bytes,
      })
    : refusedFile(sent.problem);
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/files/${result.value.id}`);
  const state = formState(result, values);
  if (!state) return roomRefusal(c, translated(c, result));
  c.status(422);
  return renderList(c, state);
});

pairingFileRoutes.get(ONE, requirePairingMember, (c) => renderFile(c));

pairingFileRoutes.get(`${ONE}/download`, requirePairingMember, async (c) => {
  const found = await roomOf(c.env, c.var.pairing.id).file(asMember(c.var.user!.id), c.req.param("fileId"));
  if (!found.ok) return roomRefusal(c, translated(c, found));
  const object = await c.env.FILES.get(found.value.r2Key);
  if (!object) return roomRefusal(c, { ok: false, status: 404, error: "" });
  return attachmentResponse(object, found.value.contentType, found.value.file.name);
});

pairingFileRoutes.post(`${ONE}/comments`, requirePairingMember, async (c) => {
  const { pairing, user } = c.var;
  const values = { body: textField(await readForm(c), "body") };
  const fileId = c.req.param("fileId");
  const result = await roomOf(c.env, pairing.id).commentOnFile(asMember(user!.id), fileId, values.body);
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/files/${fileId}#comments`);
  const state = formState(result, values);
  if (!state) return roomRefusal(c, translated(c, result));
  c.status(422);
  return renderFile(c, state);
});

pairingFileRoutes.post(`${ONE}/delete`, requirePairingMember, async (c) => {
  const { pairing, user } = c.var;
  const result = await roomOf(c.env, pairing.id).removeFile(asMember(user!.id), c.req.param("fileId"));
  if (!result.ok) return roomRefusal(c, translated(c, result));
  return redirectAfterPost(c, `/pairings/${pairing.id}/files`);
});

/** A library item opened from a pairing: counted once per pairing; a link leads on to its address, a text shows here. */
pairingFileRoutes.get("/pairings/:pairingId/library/:itemId", requirePairingMember, async (c) => {
  const item = await openLibraryItem(c.env, c.var.pairing.id, c.req.param("itemId"));
  if (!item) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("files.error.gone") });
  }
  if (item.url && !item.body && !item.file) return c.redirect(item.url, 303);
  return c.render(<LibraryItemPage pairing={c.var.pairing} viewerId={c.var.user!.id} item={item} />, {
    title: item.title,
  });
});

/** A library file opened from a pairing: its members download it (counted like opening it), as an inert attachment. */
pairingFileRoutes.get("/pairings/:pairingId/library/:itemId/file", requirePairingMember, async (c) => {
  const item = await openLibraryItem(c.env, c.var.pairing.id, c.req.param("itemId"));
  const object = item?.file ? await libraryFile(c.env, item.programId, item.id) : null;
  if (!item?.file || !object) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("files.error.gone") });
  }
  return attachmentResponse(object, contentTypeOf(item.file.kind as FileKind), item.file.name);
});
