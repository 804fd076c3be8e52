/** A person's own data: the page, the JSON download, and deletion after typing their address (then signed out). */
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { DataDeletedPage, MyDataPage } from "../../views/pages/my-data";
import { readForm, textField } from "../http/forms";
import { requireUser } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { cookieName, cookieOptions } from "../middleware/cookies";
import { rotateCsrfToken } from "../middleware/csrf";
import { deletePersonData } from "../privacy/delete-person";
import { collectPersonData } from "../privacy/export-data";
import { msg } from "../domain/i18n/translate";
import type { AppEnv } from "../types";

export const myDataRoutes = new Hono<AppEnv>();

myDataRoutes.get("/settings/data", requireUser, (c) =>
  c.render(<MyDataPage csrf={c.var.csrf} />, { title: c.var.t("myData.title") }),
);

myDataRoutes.get("/settings/data/export.json", requireUser, async (c) => {
  const data = await collectPersonData(c.env, c.var.user!);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="trellis-my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});

myDataRoutes.post("/settings/data/delete", requireUser, async (c) => {
  const user = c.var.user!;
  const typed = textField(await readForm(c), "confirm").slice(0, 320);
  if (typed.trim().toLowerCase() !== user.email.toLowerCase()) {
    c.status(422);
    const errors = {
      confirm: typed.trim() ? msg("myData.error.mismatch") : msg("myData.error.empty"),
    };
    return c.render(<MyDataPage csrf={c.var.csrf} typed={typed} errors={errors} />, { title: c.var.t("myData.title") });
  }
  await deletePersonData(c.env, user.id);
  deleteCookie(c, cookieName(c, "sid"), cookieOptions(c));
  await rotateCsrfToken(c, null);
  return redirectAfterPost(c, "/settings/data/deleted");
});

myDataRoutes.get("/settings/data/deleted", (c) =>
  c.render(<DataDeletedPage />, { title: c.var.t("myData.deleted.title") }),
);
