/**
 * Answering a coordinator action's confirmation panel: the panel alone for htmx, else a page under the program's tabs.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ProgramNav, type ProgramTab } from "../../views/components/program-nav";
import { wantsFragment } from "../middleware/renderer";
import type { AppEnv } from "../types";

/** Renders `panel` as the answer to an action's first POST. */
export function confirmation(c: Context<AppEnv>, panel: Child, program: { id: string; name: string }, tab: ProgramTab) {
  const title = c.var.t("programs.confirm.confirm");
  if (wantsFragment(c)) return c.render(panel, { title });
  return c.render(
    <section class="narrow">
      <ProgramNav programId={program.id} tab={tab} />
      {panel}
    </section>,
    { title },
  );
}
