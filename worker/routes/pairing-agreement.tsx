/** The mentoring agreement: reading, writing a new version, signing, and sharing it with coordinators. */
import { type Context, Hono } from "hono";
import { PairingAgreementPage } from "../../views/pages/pairing-agreement";
import type { MessageId } from "../domain/i18n/translate";
import { refusalText } from "../domain/room/room-messages";
import { isFinal, type Stage } from "../domain/room/stages";
import { manyValues, readForm, textField, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const pairingAgreementRoutes = new Hono<AppEnv>();

const PATH = "/pairings/:pairingId/agreement";

const NOTICES: Record<string, MessageId> = {
  saved: "agreement.notice.saved",
  unchanged: "agreement.notice.unchanged",
  signed: "agreement.notice.signed",
  active: "agreement.notice.active",
  shared: "agreement.notice.shared",
  private: "agreement.notice.private",
};

/** Renders the agreement page, with the form as typed after a refused save. */
async function renderAgreement(c: Context<AppEnv>, form?: Parameters<typeof PairingAgreementPage>[0]["form"]) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const [agreement, stage] = await Promise.all([room.agreement(asMember(user.id)), room.stage()]);
  if (!agreement.ok) return roomRefusal(c, agreement);
  const done = c.req.query("done") ?? "";
  const notice = !form && Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
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
      notice={notice ? c.var.t(notice) : undefined}
    />
  );
  return c.render(page, { title: c.var.t("room.tab.agreement") });
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
      message: result.errors ? undefined : refusalText(c.var.t, result),
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
