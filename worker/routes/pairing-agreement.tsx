/** The mentoring agreement: reading, writing a new version, signing, and sharing it with coordinators. */
import { type Context, Hono } from "hono";
import { PairingAgreementPage } from "../../views/pages/pairing-agreement";
import { isFinal, type Stage } from "../domain/room/stages";
import { manyValues, readForm, textField, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingAgreementRoutes = new Hono<AppEnv>();

const PATH = "/pairings/:pairingId/agreement";

const NOTICES: Record<string, string> = {
  saved: "Saved and signed. The others are asked to sign this version.",
  unchanged: "Nothing changed, so nobody needs to sign again.",
  signed: "Signed. Thank you!",
  active: "Everyone has signed: your pairing is now active.",
  shared: "Your agreement is now shared with the program's coordinators.",
  private: "Your agreement is private to the members again.",
};

/** Renders the agreement page, with the form as typed after a refused save. */
async function renderAgreement(c: Context<AppEnv>, form?: Parameters<typeof PairingAgreementPage>[0]["form"]) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const [agreement, stage] = await Promise.all([room.agreement(asMember(user.id)), room.stage()]);
  if (!agreement.ok) return roomRefusal(c, agreement);
  const page = (
    <PairingAgreementPage
      pairing={pairing}
      stage={stage}
      agreement={agreement.value}
      viewerId={user.id}
      timeZone={user.timeZone}
      csrf={c.var.csrf}
      readOnly={isFinal(stage as Stage)}
      form={form}
      notice={form ? undefined : NOTICES[c.req.query("done") ?? ""]}
    />
  );
  return c.render(page, { title: "Agreement" });
}

pairingAgreementRoutes.get(PATH, requirePairingMember, (c) => renderAgreement(c));

pairingAgreementRoutes.post(PATH, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const raw = await readForm(c);
  const values = typedValues(raw);
  const channels = manyValues(raw, "channels");
  const base = Number(textField(raw, "base_version"));
  const result = await roomOf(c.env, pairing.id).saveAgreement(
    asMember(c.var.user!.id),
    values,
    channels,
    Number.isInteger(base) ? base : -1,
  );
  if (!result.ok) {
    if (result.status === 403 || result.status === 404) return roomRefusal(c, result);
    c.status(result.status === 409 ? 409 : 422);
    return renderAgreement(c, {
      values,
      channels,
      errors: result.errors,
      message: result.errors ? undefined : result.error,
    });
  }
  return redirectAfterPost(c, `/pairings/${pairing.id}/agreement?done=${result.value.changed ? "saved" : "unchanged"}`);
});

pairingAgreementRoutes.post(`${PATH}/sign`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const version = Number(textField(await readForm(c), "version"));
  const result = await roomOf(c.env, pairing.id).signAgreement(
    asMember(c.var.user!.id),
    Number.isInteger(version) ? version : -1,
  );
  if (!result.ok) return roomRefusal(c, result);
  const done = result.value.signedByAll && result.value.stage === "active" ? "active" : "signed";
  return redirectAfterPost(c, `/pairings/${pairing.id}/agreement?done=${done}`);
});

pairingAgreementRoutes.post(`${PATH}/share`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const shared = textField(await readForm(c), "shared") === "1";
  const result = await roomOf(c.env, pairing.id).shareAgreement(asMember(c.var.user!.id), shared);
  if (!result.ok) return roomRefusal(c, result);
  return redirectAfterPost(c, `/pairings/${pairing.id}/agreement?done=${shared ? "shared" : "private"}`);
});
