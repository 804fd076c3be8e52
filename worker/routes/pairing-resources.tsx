/** A pairing's shared links: list, share one (the room accepts only http(s) links to a real host), remove one. */
import { type Context, Hono } from "hono";
import type { FormState } from "../../views/pages/pairing-goals";
import { ResourcesPage } from "../../views/pages/pairing-resources";
import { refusalText } from "../domain/room/room-messages";
import { readForm, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, namesOf, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingResourceRoutes = new Hono<AppEnv>();

const LIST = "/pairings/:pairingId/resources";

/** Only a link's own fields of what was posted. */
function resourceFields(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(["url", "title", "note"].filter((k) => k in form).map((k) => [k, form[k]!]));
}

/** The links tab, with the form as typed after a refusal. */
async function renderList(c: Context<AppEnv>, form?: FormState) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const resources = await room.resources(asMember(user.id));
  if (!resources.ok) return roomRefusal(c, resources);
  const stage = await room.stage();
  const page = (
    <ResourcesPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      resources={resources.value}
      names={namesOf(pairing)}
      form={form}
    />
  );
  return c.render(page, { title: c.var.t("room.tab.links") });
}

pairingResourceRoutes.get(LIST, requirePairingMember, (c) => renderList(c));

pairingResourceRoutes.post(LIST, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const values = typedValues(await readForm(c));
  const result = await roomOf(c.env, pairing.id).addResource(asMember(c.var.user!.id), resourceFields(values));
  if (result.ok) return redirectAfterPost(c, `/pairings/${pairing.id}/resources`);
  if (result.status !== 422) return roomRefusal(c, result);
  c.status(422);
  return renderList(c, { values, errors: result.errors, message: refusalText(c.var.t, result) });
});

pairingResourceRoutes.post(`${LIST}/:resourceId/delete`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const result = await roomOf(c.env, pairing.id).removeResource(asMember(c.var.user!.id), c.req.param("resourceId"));
  if (!result.ok) return roomRefusal(c, result);
  return redirectAfterPost(c, `/pairings/${pairing.id}/resources`);
});
