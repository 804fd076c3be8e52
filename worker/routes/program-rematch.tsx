/**
 * "Rematch a person": the form (current pairing, ranked candidates, reason) → confirmation → end old, start new, email,
 * audit.
 */
import { type Context, Hono } from "hono";
import { ConfirmPanel } from "../../views/components/confirm";
import { type RematchFormState, RematchForm, RematchPage, rematchUrl } from "../../views/pages/rematch";
import { loadPerson, loadRematch, onSide, pairingsOf } from "../coordinator/rematch-page-data";
import { keyState } from "../coordinator/confirm-key";
import { finishRematch, runRematch } from "../coordinator/rematch-run";
import { isConfirmKey, joinNames, newConfirmKey, ownValues, stepOf } from "../domain/coordinator/confirm-step";
import type { Translate } from "../domain/i18n/translate";
import {
  candidateError,
  leaveRefusal,
  parseRematchInput,
  rematchSentences,
  type PersonPairing,
  type RematchPerson,
  type RematchView,
} from "../domain/coordinator/rematch-rules";
import { settingsOf } from "../domain/matching/settings";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin } from "../mail/mail-outbox";
import { wantsFragment } from "../middleware/renderer";
import { getProgram } from "../programs/queries";
import type { Program } from "../domain/records";
import type { AppEnv } from "../types";
import { confirmation } from "../http/confirmation";

export const programRematchRoutes = new Hono<AppEnv>();

type Ctx = Context<AppEnv>;
const PATH = "/programs/:programId/rematch/:personId";

/** The program, the person (an active participant) and their view, or null (→ 404). */
async function load(c: Ctx, asked: string | undefined): Promise<{ program: Program; view: RematchView } | null> {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const person = await loadPerson(c.env, program.id, (c.req.param("personId") ?? "").slice(0, 100));
  const view = person ? await loadRematch(c.env, program, person, asked, Date.now()) : null;
  return view ? { program, view } : null;
}

/** Answers the form again (in place for htmx, as the whole page otherwise). */
function showForm(
  c: Ctx,
  program: Program,
  view: RematchView,
  form: RematchFormState,
  status: 200 | 400 | 409 | 422 | 429,
) {
  c.status(status);
  const props = { programId: program.id, csrf: c.var.csrf, view, form };
  const title = c.var.t("programs.rematch.tab");
  if (wantsFragment(c)) return c.render(<RematchForm {...props} />, { title });
  return c.render(<RematchPage {...props} programName={program.name} sides={view.sides} />, { title });
}

programRematchRoutes.get(PATH, requireCoordinator, async (c) => {
  const found = await load(c, c.req.query("as"));
  if (!found) return c.notFound();
  return showForm(c, found.program, found.view, { values: {} }, 200);
});

programRematchRoutes.post(PATH, requireCoordinator, async (c) => {
  const all = typedValues(await readForm(c));
  const found = await load(c, all.as);
  if (!found) return c.notFound();
  const { program, view } = found;
  const values = ownValues(all);
  const step = stepOf(all);
  if (step === "edit") return showForm(c, program, view, { values }, 200);
  if (
    step === "confirm" &&
    isConfirmKey(all._key) &&
    (await keyState(c.env, all._key, "person.rematch", c.var.user!.id)) === "done"
  ) {
    const again = await finishRematch(c.env, all._key, publicOrigin(c.env, c.req.url));
    if (again.ok) return redirectAfterPost(c, `/programs/${program.id}/pairings/${again.pairingId}?done=repeated`);
  }
  const checked = await check(c.env, program.id, view, values, step === "confirm", c.var.t);
  if (!checked.ok) return showForm(c, program, view, { values, errors: checked.errors }, checked.status);
  const { leave, partner, reason } = checked;
  if (step === "review")
    return showConfirmation(c, program, view.person, leave, partner, reason, { ...values, as: view.side });
  if (!isConfirmKey(all._key))
    return showForm(c, program, view, { values, problem: "programs.rematch.invalidKey" }, 400);
  const settings = settingsOf(program.matchSettings);
  const result = await runRematch(c.env, {
    program: { id: program.id, name: program.name, maxMentorsPerMentee: settings.maxMentorsPerMentee },
    person: { id: view.person.id, name: view.person.name },
    partner,
    side: view.side,
    leave,
    reason,
    key: all._key,
    coordinatorId: c.var.user!.id,
    origin: publicOrigin(c.env, c.req.url),
  });
  if (!result.ok) {
    const fresh = result.ended ? ((await load(c, view.side))?.view ?? view) : view;
    return showForm(
      c,
      program,
      fresh,
      { values: { reason: values.reason ?? "" }, problem: result.error },
      result.status === 404 ? 409 : result.status,
    );
  }
  return redirectAfterPost(
    c,
    `/programs/${program.id}/pairings/${result.pairingId}?done=${result.repeated ? "repeated" : "rematched"}`,
  );
});

/**
 * A checked rematch: the pairing that ends (or none), the new partner and the reason; or the field errors with their
 * status.
 */
type Checked =
  | { ok: true; leave: PersonPairing | null; partner: { id: string; name: string }; reason: string }
  | { ok: false; errors: Record<string, string>; status: 409 | 422 };

/**
 * Checks the form against the program's data: a pairing that may end (not a group), a candidate who may be paired now,
 * a reason.
 */
async function check(
  env: Env,
  programId: string,
  view: RematchView,
  values: Record<string, string>,
  confirming: boolean,
  t: Translate,
): Promise<Checked> {
  const leaving = await leaveChoices(env, programId, view, confirming ? (values.leave ?? null) : null);
  const input = parseRematchInput(
    values,
    leaving.map((p) => p.id),
  );
  const errors: Record<string, string> = input.ok ? {} : { ...input.errors };
  const leave = input.ok ? (leaving.find((p) => p.id === input.leaveId) ?? null) : null;
  const refusal = leave && !leave.final ? leaveRefusal(leave.partners.length + 1) : null;
  if (refusal) errors.leave = refusal;
  const candidateId = input.ok ? input.candidateId : errors.candidate ? "" : (values.candidate ?? "").trim();
  const problem = candidateId ? view.problemFor(candidateId, leave ? !leave.final : view.pairings.length > 0) : null;
  if (problem) errors.candidate = candidateError(view.nameOf(candidateId), view.person.name, problem, t);
  if (!input.ok || Object.keys(errors).length) return { ok: false, errors, status: refusal ? 409 : 422 };
  return { ok: true, leave, partner: { id: candidateId, name: view.nameOf(candidateId)! }, reason: input.reason };
}

/**
 * The pairings the form may name: the current ones on this side; at the confirmation also the named one when it is the
 * person's and has ended meanwhile (a retried confirmation: ending it is then skipped).
 */
async function leaveChoices(
  env: Env,
  programId: string,
  view: RematchView,
  named: string | null,
): Promise<PersonPairing[]> {
  if (!named || view.pairings.some((p) => p.id === named)) return view.pairings;
  const also = (await pairingsOf(env, programId, view.person.id, named.slice(0, 100))).find(
    (p) => p.id === named && p.final && onSide(p.role, view.side),
  );
  return also ? [...view.pairings, also] : view.pairings;
}

/** Answers the confirmation: which pairing ends with what reason, who the new pairing is, who is emailed. */
function showConfirmation(
  c: Ctx,
  program: Program,
  person: RematchPerson,
  leave: PersonPairing | null,
  partner: { id: string; name: string },
  reason: string,
  values: Record<string, string>,
) {
  const t = c.var.t;
  const sentences = rematchSentences(
    {
      person: person.name,
      oldPartner: leave
        ? joinNames(
            leave.partners.map((p) => p.name),
            c.var.locale,
          )
        : null,
      newPartner: partner.name,
      reason,
    },
    t,
  );
  const hidden = { as: values.as ?? "", candidate: partner.id, reason, ...(leave ? { leave: leave.id } : {}) };
  const panel = (
    <ConfirmPanel
      action={rematchUrl(program.id, person.id)}
      csrf={c.var.csrf}
      idKey={newConfirmKey()}
      question={t("programs.rematch.question", { person: person.name, partner: partner.name })}
      values={hidden}
    >
      <ul>
        {sentences.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
      <p class="hint">{t("programs.rematch.audited")}</p>
    </ConfirmPanel>
  );
  return confirmation(c, panel, program, "pairings");
}
