/**
 * A coordinator's actions on one pairing (message, pause, resume, end early): form → confirmation → room call → audit
 * entry.
 */
import { type Context, Hono } from "hono";
import { ConfirmPanel } from "../../views/components/confirm";
import { type ActionFormState, PairingActionForm, PairingSummaryPage } from "../../views/pages/program-pairings";
import { runPairingAction } from "../coordinator/run-pairing-action";
import { displayName, loadSummary, type SummaryData } from "../coordinator/pairing-summary";
import { isConfirmKey, joinNames, newConfirmKey, stepOf } from "../domain/coordinator/confirm-step";
import {
  ACTION_TITLES,
  chatLine,
  isPairingAction,
  parseActionInput,
  type PairingAction,
} from "../domain/coordinator/pairing-action-rules";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { wantsFragment } from "../middleware/renderer";
import { loadPairing } from "../pairings/access";
import type { PairingRecord } from "../domain/pairing";
import type { AppEnv } from "../types";
import { confirmation } from "../http/confirmation";

export const programActionRoutes = new Hono<AppEnv>();

type Ctx = Context<AppEnv>;

/** Answers the action's form again (in place for htmx, on the whole summary page otherwise). */
async function showForm(
  c: Ctx,
  pairing: PairingRecord,
  data: SummaryData,
  form: ActionFormState,
  status: 200 | 400 | 403 | 404 | 409 | 422 | 429,
) {
  c.status(status);
  const user = c.var.user!;
  if (wantsFragment(c)) {
    return c.render(
      <PairingActionForm
        programId={pairing.programId}
        pairingId={pairing.id}
        csrf={c.var.csrf}
        action={form.action}
        messageMax={data.messageMax}
        state={form}
      />,
      { title: c.var.t("programs.pairing.title") },
    );
  }
  return c.render(
    <PairingSummaryPage
      pairing={pairing}
      {...data}
      offered={data.offered.includes(form.action) ? data.offered : [...data.offered, form.action]}
      timeZone={user.timeZone}
      csrf={c.var.csrf}
      form={form}
    />,
    { title: c.var.t("programs.pairing.title") },
  );
}

/** Answers the confirmation: what the members will read, to whom. */
function showConfirmation(
  c: Ctx,
  pairing: PairingRecord,
  data: SummaryData,
  action: PairingAction,
  text: string,
  field: string,
) {
  const t = c.var.t;
  const names = joinNames(
    pairing.members.map((m) => m.name),
    c.var.locale,
  );
  const url = `/programs/${pairing.programId}/pairings/${pairing.id}/actions/${action}`;
  const panel = (
    <ConfirmPanel
      action={url}
      csrf={c.var.csrf}
      idKey={newConfirmKey()}
      question={t(ACTION_TITLES[action], { names })}
      values={{ [field]: text }}
    >
      <p>{t("programs.action.theyWillSee")}</p>
      <blockquote dir="auto">{chatLine(action, data.state, text, displayName(c.var.user!), t)}</blockquote>
      {action === "end" ? <p>{t("programs.action.endFinal")}</p> : null}
      <p class="hint">{t("programs.action.audited")}</p>
    </ConfirmPanel>
  );
  return confirmation(c, panel, { id: pairing.programId, name: pairing.programName }, "pairings");
}

programActionRoutes.post("/programs/:programId/pairings/:pairingId/actions/:action", requireCoordinator, async (c) => {
  const action = c.req.param("action");
  const pairing = await loadPairing(c.env, c.req.param("pairingId"));
  if (!isPairingAction(action) || !pairing || pairing.programId !== c.req.param("programId")) return c.notFound();
  const user = c.var.user!;
  const coordinator = { id: user.id, name: displayName(user) };
  const values = typedValues(await readForm(c));
  const field = action === "message" ? "text" : "reason";
  const own = { [field]: values[field] ?? "" };
  const step = stepOf(values);
  const data = await loadSummary(c.env, pairing, coordinator, c.var.t);
  if (step === "edit") return showForm(c, pairing, data, { action, values: own }, 200);
  if (step === "review" && !data.offered.includes(action))
    return showForm(
      c,
      pairing,
      data,
      {
        action,
        values: own,
        problem: "programs.action.notAllowed",
      },
      409,
    );
  const input = parseActionInput(action, own, coordinator.name, c.var.t);
  if (!input.ok) return showForm(c, pairing, data, { action, values: own, errors: input.errors }, 422);
  if (step === "review") return showConfirmation(c, pairing, data, action, input.text, field);
  if (!isConfirmKey(values._key))
    return showForm(c, pairing, data, { action, values: own, problem: "programs.action.invalidKey" }, 400);
  const result = await runPairingAction(c.env, {
    programId: pairing.programId,
    pairingId: pairing.id,
    state: data.state,
    action,
    text: input.text,
    key: values._key,
    coordinator,
    t: c.var.t,
  });
  if (!result.ok) return showForm(c, pairing, data, { action, values: own, problem: result.error }, result.status);
  return redirectAfterPost(
    c,
    `/programs/${pairing.programId}/pairings/${pairing.id}?done=${result.repeated ? "repeated" : action}`,
  );
});
