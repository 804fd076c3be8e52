/**
 * A program's library, for its coordinators: the list with open counts, adding an item (a link, a text or a file:
 * multipart, the same limits and sniffing as a pairing's files), editing one, downloading a file item, and removing one
 * (each write audited).
 */
import { type Context, Hono } from "hono";
import { NotFoundPage } from "../../views/pages/errors";
import { LibraryEditPage, ProgramLibraryPage } from "../../views/pages/program-library";
import { contentTypeOf, type FileKind, PROBLEM_MESSAGES } from "../domain/files/file-kinds";
import type { Upload } from "../domain/files/upload";
import { parseLibraryItem } from "../domain/library/library";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { attachmentResponse, readUpload } from "../http/uploaded-file";
import {
  addLibraryItem,
  libraryFile,
  libraryItemOf,
  programLibrary,
  removeLibraryItem,
  updateLibraryItem,
} from "../library/library";
import type { AppEnv } from "../types";

export const programLibraryRoutes = new Hono<AppEnv>();

const LIST = "/programs/:programId/library";
const ONE = `${LIST}/:itemId`;

/**
 * Reads the item form and its file: the fields as typed, the parsed item, and the file (none chosen is no problem;
 * a refused one is an error on the file field). `keepsFile` says whether an edited item keeps a stored file, given
 * whether "remove the file" was left unticked.
 */
async function readItemForm(c: Context<AppEnv>, keepsFile: (notRemoved: boolean) => boolean = () => false) {
  const form = await readForm(c);
  const values = typedValues(form);
  delete values._csrf;
  const sent = await readUpload(form);
  const upload: Upload | undefined = sent.ok ? sent.upload : undefined;
  const parsed = parseLibraryItem(values, keepsFile(values.remove_file !== "1") || !!upload);
  const errors = parsed.ok ? {} : { ...parsed.errors };
  if (!sent.ok && sent.problem !== "missing") errors.file = PROBLEM_MESSAGES[sent.problem];
  return { values, parsed, upload, errors };
}

/** The "not found" page, for an item that is not this program's. */
function notFound(c: Context<AppEnv>) {
  c.status(404);
  return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
}

programLibraryRoutes.get(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const items = await programLibrary(c.env, programId);
  return c.render(<ProgramLibraryPage programId={programId} csrf={c.var.csrf} items={items} />, {
    title: c.var.t("library.title"),
  });
});

programLibraryRoutes.post(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const { values, parsed, upload, errors } = await readItemForm(c);
  if (parsed.ok && !Object.keys(errors).length) {
    await addLibraryItem(c.env, programId, c.var.user!.id, parsed.item, upload);
    return redirectAfterPost(c, `/programs/${programId}/library`);
  }
  c.status(422);
  const items = await programLibrary(c.env, programId);
  const page = (
    <ProgramLibraryPage programId={programId} csrf={c.var.csrf} items={items} values={values} errors={errors} />
  );
  return c.render(page, { title: c.var.t("library.title") });
});

programLibraryRoutes.get(ONE, requireCoordinator, async (c) => {
  const { programId, itemId } = c.req.param();
  const item = await libraryItemOf(c.env, programId, itemId);
  if (!item) return notFound(c);
  return c.render(<LibraryEditPage programId={programId} csrf={c.var.csrf} item={item} />, { title: item.title });
});

programLibraryRoutes.post(ONE, requireCoordinator, async (c) => {
  const { programId, itemId } = c.req.param();
  const item = await libraryItemOf(c.env, programId, itemId);
  if (!item) return notFound(c);
  const { values, parsed, upload, errors } = await readItemForm(c, (keeps) => !!item.file && keeps);
  if (parsed.ok && !Object.keys(errors).length) {
    const file = upload ?? (item.file && values.remove_file === "1" ? null : undefined);
    await updateLibraryItem(c.env, programId, c.var.user!.id, itemId, parsed.item, file);
    return redirectAfterPost(c, `/programs/${programId}/library`);
  }
  c.status(422);
  const page = <LibraryEditPage programId={programId} csrf={c.var.csrf} item={item} values={values} errors={errors} />;
  return c.render(page, { title: item.title });
});

programLibraryRoutes.get(`${ONE}/file`, requireCoordinator, async (c) => {
  const { programId, itemId } = c.req.param();
  const item = await libraryItemOf(c.env, programId, itemId);
  const object = item?.file ? await libraryFile(c.env, programId, itemId) : null;
  if (!item?.file || !object) return notFound(c);
  return attachmentResponse(object, contentTypeOf(item.file.kind as FileKind), item.file.name);
});

programLibraryRoutes.post(`${ONE}/delete`, requireCoordinator, async (c) => {
  const { programId, itemId } = c.req.param();
  await removeLibraryItem(c.env, programId, c.var.user!.id, itemId);
  return redirectAfterPost(c, `/programs/${programId}/library`);
});
