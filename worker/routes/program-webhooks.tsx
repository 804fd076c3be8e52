/**
 * A program's webhooks for its coordinators: register an endpoint (its secret shown once, on the answer to the POST),
 * and per endpoint its delivery log, replay, pause, switch back on, secret rotation and deletion. Only the program's
 * coordinators (requireCoordinator), CSRF on every POST (middleware), every change audited (worker/webhooks/).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { WebhookEndpointPage, type EndpointNotice } from "../../views/pages/webhook-endpoint";
import { WebhooksPage } from "../../views/pages/webhooks";
import { webhookEndpointForm } from "../domain/webhooks/endpoint-form";
import { fieldErrors, manyValues, readForm, textField } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";
import { replayWebhookDelivery, webhookDeliveryLog } from "../webhooks/deliveries";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  pauseWebhookEndpoint,
  programWebhookEndpoint,
  programWebhookEndpoints,
  rotateWebhookSecret,
} from "../webhooks/endpoints";

export const programWebhookRoutes = new Hono<AppEnv>();

const PATH = "/programs/:programId/webhooks";
const allowLocalHttp = (c: Context<AppEnv>) => c.env.DEV_TOOLS === "1";

/** Renders the list page with whatever this answer adds (a new secret, errors with what was typed, a notice). */
async function listPage(c: Context<AppEnv>, extra: Partial<Parameters<typeof WebhooksPage>[0]> = {}) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  c.header("Cache-Control", "no-store");
  return c.render(
    <WebhooksPage
      program={program}
      endpoints={await programWebhookEndpoints(c.env, program.id)}
      csrf={c.var.csrf}
      timeZone={c.var.user!.timeZone}
      allowLocalHttp={allowLocalHttp(c)}
      {...extra}
    />,
    { title: c.var.t("platform.webhooks.title") },
  );
}

/** Renders one endpoint's page (404 when the program has no such endpoint). */
async function endpointPage(
  c: Context<AppEnv>,
  extra: { secret?: string; notice?: EndpointNotice; confirmDelete?: boolean } = {},
) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const endpoint = await programWebhookEndpoint(c.env, program.id, c.req.param("endpointId")!);
  if (!endpoint) return c.notFound();
  c.header("Cache-Control", "no-store");
  return c.render(
    <WebhookEndpointPage
      program={program}
      endpoint={endpoint}
      deliveries={await webhookDeliveryLog(c.env, endpoint.id)}
      csrf={c.var.csrf}
      timeZone={c.var.user!.timeZone}
      {...extra}
    />,
    { title: c.var.t("platform.webhooks.title") },
  );
}

const NOTICES = new Set<string>(["replayed", "enabled", "paused"]);

programWebhookRoutes.get(PATH, requireCoordinator, (c) => listPage(c, { deleted: c.req.query("deleted") === "1" }));

programWebhookRoutes.post(PATH, requireCoordinator, async (c) => {
  const form = await readForm(c);
  const typed = { url: textField(form, "url"), events: manyValues(form, "events") };
  const parsed = webhookEndpointForm(allowLocalHttp(c)).safeParse(typed);
  if (!parsed.success) {
    c.status(400);
    return listPage(c, { errors: fieldErrors(parsed.error), typed });
  }
  const created = await createWebhookEndpoint(c.env, {
    programId: c.req.param("programId"),
    url: parsed.data.url,
    events: parsed.data.events,
    createdBy: c.var.user!.id,
  });
  return listPage(c, { created: { ...created, url: parsed.data.url } });
});

programWebhookRoutes.get(`${PATH}/:endpointId`, requireCoordinator, (c) => {
  const notice = c.req.query("done") ?? "";
  return endpointPage(c, NOTICES.has(notice) ? { notice: notice as EndpointNotice } : {});
});

programWebhookRoutes.post(`${PATH}/:endpointId/rotate`, requireCoordinator, async (c) => {
  const secret = await rotateWebhookSecret(c.env, c.req.param("programId"), c.req.param("endpointId"), c.var.user!.id);
  return secret ? endpointPage(c, { secret }) : c.notFound();
});

/** A change that answers with a redirect to the endpoint's page and its notice (POST, redirect, GET). */
function redirectAfter(
  act: (env: Env, programId: string, id: string, actorId: string) => Promise<boolean>,
  notice: EndpointNotice,
) {
  return async (c: Context<AppEnv>) => {
    const programId = c.req.param("programId")!;
    const id = c.req.param("endpointId")!;
    if (!(await act(c.env, programId, id, c.var.user!.id))) return c.notFound();
    return c.redirect(`/programs/${programId}/webhooks/${id}?done=${notice}`, 303);
  };
}

programWebhookRoutes.post(
  `${PATH}/:endpointId/pause`,
  requireCoordinator,
  redirectAfter(pauseWebhookEndpoint, "paused"),
);
programWebhookRoutes.post(
  `${PATH}/:endpointId/enable`,
  requireCoordinator,
  redirectAfter((env, programId, id, actor) => enableWebhookEndpoint(env, programId, id, actor), "enabled"),
);
programWebhookRoutes.post(`${PATH}/:endpointId/deliveries/:deliveryId/replay`, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const endpointId = c.req.param("endpointId");
  const replayed = await replayWebhookDelivery(
    c.env,
    programId,
    c.req.param("deliveryId"),
    Date.now(),
    c.var.user!.id,
    {
      endpointId,
    },
  );
  if (!replayed) return c.notFound();
  return c.redirect(`/programs/${programId}/webhooks/${endpointId}?done=replayed`, 303);
});

programWebhookRoutes.post(`${PATH}/:endpointId/delete`, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  // The first press asks once more (the log goes too and receivers stop hearing at once); the second deletes.
  if (textField(await readForm(c), "confirm") !== "yes") return endpointPage(c, { confirmDelete: true });
  if (!(await deleteWebhookEndpoint(c.env, programId, c.req.param("endpointId"), c.var.user!.id))) return c.notFound();
  return c.redirect(`/programs/${programId}/webhooks?deleted=1`, 303);
});
