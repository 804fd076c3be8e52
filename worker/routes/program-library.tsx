/** A program's library, for its coordinators: the list with open counts, adding an item and removing one (audited). */
import { Hono } from "hono";
import { ProgramLibraryPage } from "../../views/pages/program-library";
import { parseLibraryItem } from "../domain/library/library";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { addLibraryItem, programLibrary, removeLibraryItem } from "../library/library";
import type { AppEnv } from "../types";

export const programLibraryRoutes = new Hono<AppEnv>();

const LIST = "/programs/:programId/library";

programLibraryRoutes.get(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const items = await programLibrary(c.env, programId);
  return c.render(<ProgramLibraryPage programId={programId} csrf={c.var.csrf} items={items} />, {
    title: c.var.t("library.title"),
  });
});

programLibraryRoutes.post(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const values = typedValues(await readForm(c));
  const parsed = parseLibraryItem(values);
  if (parsed.ok) {
    await addLibraryItem(c.env, programId, c.var.user!.id, parsed.item);
    return redirectAfterPost(c, `/programs/${programId}/library`);
  }
  c.status(422);
  const items = await programLibrary(c.env, programId);
  const page = (
    <ProgramLibraryPage programId={programId} csrf={c.var.csrf} items={items} values={values} errors={parsed.errors} />
  );
  return c.render(page, { title: c.var.t("library.title") });
});

programLibraryRoutes.post(`${LIST}/:itemId/delete`, requireCoordinator, async (c) => {
  const { programId, itemId } = c.req.param();
  await removeLibraryItem(c.env, programId, c.var.user!.id, itemId);
  return redirectAfterPost(c, `/programs/${programId}/library`);
});
