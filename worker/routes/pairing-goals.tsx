/** A pairing's shared goals: list and add, edit (or just update progress from the list), delete. The room validates. */
import { type Context, Hono } from "hono";
import {
  type FormState,
  GoalEditPage,
  GoalsPage,
  goalValues,
  type ProgressDraft,
} from "../../views/pages/pairing-goals";
import { refusal, refusalText } from "../domain/room/room-messages";
import { readForm, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingGoalRoutes = new Hono<AppEnv>();

const LIST = "/pairings/:pairingId/goals";
const ONE = `${LIST}/:goalId`;
const FIELDS = ["title", "why", "targetDate", "progress", "status"] as const;

/** Only the goal's own fields of what was posted (missing ones stay missing: the room's parser decides). */
function goalFields(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(FIELDS.filter((k) => k in form).map((k) => [k, form[k]!]));
}

const notFound = refusal(404, "goals.error.gone");

/** The goals tab, with the add form or one progress form as typed after a refusal. */
async function renderList(c: Context<AppEnv>, form?: FormState, progress?: ProgressDraft) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const goals = await room.goals(asMember(user.id));
  if (!goals.ok) return roomRefusal(c, goals);
  const stage = await room.stage();
  const page = (
    <GoalsPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      goals={goals.value}
      form={form}
      progress={progress}
    />
  );
  return c.render(page, { title: c.var.t("room.tab.goals") });
}

/** One goal's edit page, with the form as typed after a refusal. */
async function renderEdit(c: Context<AppEnv>, form?: FormState) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const goals = await room.goals(asMember(user.id));
  if (!goals.ok) return roomRefusal(c, goals);
  const goal = goals.value.find((g) => g.id === c.req.param("goalId"));
  if (!goal) return roomRefusal(c, notFound);
  const stage = await room.stage();
  const page = (
    <GoalEditPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      goal={goal}
      form={form}
    />
  );
  return c.render(page, { title: c.var.t("goals.edit", { title: goal.title }) });
}

pairingGoalRoutes.get(LIST, requirePairingMember, (c) => renderList(c));

pairingGoalRoutes.post(LIST, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const values = typedValues(await readForm(c));
  const result = await roomOf(c.env, pairing.id).addGoal(asMember(c.var.user!.id), goalFields(values));
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/goals#goal-${result.value.id}`);
  if (result.status !== 422) return roomRefusal(c, result);
  c.status(422);
  return renderList(c, { values, errors: result.errors, message: refusalText(c.var.t, result) });
});

pairingGoalRoutes.get(ONE, requirePairingMember, (c) => renderEdit(c));

/**
 * Saves a goal: the whole edit form, or (`part=progress`, from the list) only its progress, the rest kept as stored.
 */
pairingGoalRoutes.post(ONE, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const actor = asMember(c.var.user!.id);
  const goalId = c.req.param("goalId");
  const room = roomOf(c.env, pairing.id);
  const form = typedValues(await readForm(c));
  const onlyProgress = form.part === "progress";
  let values = goalFields(form);
  if (onlyProgress) {
    const goals = await room.goals(actor);
    if (!goals.ok) return roomRefusal(c, goals);
    const goal = goals.value.find((g) => g.id === goalId);
    if (!goal) return roomRefusal(c, notFound);
    values = { ...goalValues(goal), progress: form.progress ?? "" };
  }
  const result = await room.editGoal(actor, goalId, values);
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/goals#goal-${goalId}`);
  if (result.status !== 422) return roomRefusal(c, result);
  c.status(422);
  if (onlyProgress)
    return renderList(c, undefined, {
      goalId,
      value: form.progress ?? "",
      error: result.errors?.progress ?? refusalText(c.var.t, result),
    });
  return renderEdit(c, { values: form, errors: result.errors, message: refusalText(c.var.t, result) });
});

pairingGoalRoutes.post(`${ONE}/delete`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const result = await roomOf(c.env, pairing.id).removeGoal(asMember(c.var.user!.id), c.req.param("goalId"));
  if (!result.ok) return roomRefusal(c, result);
  return redirectAfterPost(c, `/pairings/${pairing.id}/goals`);
});
