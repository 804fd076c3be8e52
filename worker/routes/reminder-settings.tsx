/** When a signed-in person wants their meeting reminders: GET and POST /settings/reminders. */
import { Hono } from "hono";
import { ReminderSettingsPage } from "../../views/pages/reminder-settings";
import { readForm, textField } from "../http/forms";
import { requireUser } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { reminderLeadOf, saveReminderLead } from "../mail/reminder-prefs";
import type { AppEnv } from "../types";

/** The reminder settings routes. */
export const reminderSettingsRoutes = new Hono<AppEnv>();

reminderSettingsRoutes.use("/settings/reminders", requireUser);

reminderSettingsRoutes.get("/settings/reminders", async (c) => {
  const lead = await reminderLeadOf(c.env, c.var.user!.id);
  return c.render(
    <ReminderSettingsPage csrf={c.var.csrf} value={String(lead)} saved={c.req.query("saved") === "1"} />,
    { title: c.var.t("reminders.title") },
  );
});

reminderSettingsRoutes.post("/settings/reminders", async (c) => {
  const value = textField(await readForm(c), "lead");
  const minutes = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(await saveReminderLead(c.env, c.var.user!.id, minutes))) {
    c.status(422);
    return c.render(<ReminderSettingsPage csrf={c.var.csrf} value={value} error={c.var.t("reminders.error")} />, {
      title: c.var.t("reminders.title"),
    });
  }
  return redirectAfterPost(c, "/settings/reminders?saved=1");
});
