/**
 * The notice a program's coordinators get when Trellis switches one of its webhook endpoints off after repeated failed
 * deliveries: a mail through `notify` in each coordinator's language, naming the endpoint's address and the page where
 * it is switched back on. The page itself shows the same state.
 */
import { mailLocale } from "../domain/i18n/locales";
import { greeting, translator } from "../domain/i18n/translate";
import { DISABLE_AFTER_FAILURES } from "../domain/webhooks/events";
import { mailOrigin } from "../mail/mail-body";
import { notify } from "../mail/notify";
import { languageOf } from "../people/profile-store";
import { getProgram, programCoordinators } from "../programs/queries";

/** Mails each coordinator of the endpoint's program once per switch-off (ids fixed by endpoint, time and person). */
export async function tellCoordinatorsSwitchedOff(
  env: Env,
  endpoint: { id: string; programId: string; url: string },
  disabledAt: number,
): Promise<void> {
  const program = await getProgram(env, endpoint.programId);
  if (!program) return;
  const origin = mailOrigin(env);
  const link = `${origin}/programs/${program.id}/webhooks/${endpoint.id}`;
  for (const coordinator of await programCoordinators(env, program.id)) {
    const t = translator(mailLocale(await languageOf(env, coordinator.id)));
    await notify(env, {
      id: `webhook-off:${endpoint.id}:${disabledAt}:${coordinator.id}`.slice(0, 200),
      personId: coordinator.id,
      category: "program",
      kind: "webhook-disabled",
      subject: t("platform.webhooks.offMail.subject", { program: program.name }),
      text: `${greeting(coordinator.name, t)}\n\n${t("platform.webhooks.offMail.body", { url: endpoint.url, count: DISABLE_AFTER_FAILURES, program: program.name })}\n\n${t("platform.webhooks.offMail.fix", { link })}\n`,
      link,
      origin,
    });
  }
}
