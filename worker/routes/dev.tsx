/** Local-only tools: the dev mailbox. Absent (404) whenever a real mail transport is configured. */
import { Hono } from "hono";
import { Mailbox, MailMessage } from "../../views/pages/mailbox";
import { NotFoundPage } from "../../views/pages/errors";
import { getMail, listMail } from "../mail/outbox";
import { devToolsEnabled } from "../mail/transport";
import type { AppEnv } from "../types";

export const devRoutes = new Hono<AppEnv>();

devRoutes.use("/dev/*", async (c, next) => {
  if (devToolsEnabled(c.env)) return next();
  c.status(404);
  return c.render(<NotFoundPage />, { title: "Not found" });
});

devRoutes.get("/dev/mailbox", async (c) => {
  const to = c.req.query("to")?.trim().toLowerCase() || undefined;
  return c.render(<Mailbox messages={await listMail(c.env, to)} to={to} timeZone={c.var.user?.timeZone ?? "UTC"} />, { title: "Dev mailbox" });
});

devRoutes.get("/dev/mailbox/:id", async (c) => {
  const message = await getMail(c.env, c.req.param("id"));
  if (!message) return c.notFound();
  return c.render(<MailMessage message={message} timeZone={c.var.user?.timeZone ?? "UTC"} />, { title: message.subject });
});
