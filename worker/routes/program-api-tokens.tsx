/**
 * A program's API tokens for its coordinators: list, create (the secret shown once, on the answer to the POST, never
 * stored) and revoke. Each creation and revocation is audited; so is each use (worker/routes/api-v1.ts).
 */
import { Hono } from "hono";
import { ApiTokensPage } from "../../views/pages/api-tokens";
import { createApiToken, programApiTokens, revokeApiToken } from "../api/tokens";
import { apiTokenForm } from "../domain/api/token-form";
import { fieldErrors, readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";
import type { Context } from "hono";

export const programApiTokenRoutes = new Hono<AppEnv>();

/** Renders the page with the program's tokens and whatever this answer adds (a new secret, errors, a notice). */
async function page(c: Context<AppEnv>, extra: Partial<Parameters<typeof ApiTokensPage>[0]> = {}) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const tokens = await programApiTokens(c.env, program.id);
  c.header("Cache-Control", "no-store");
  return c.render(
    <ApiTokensPage
      program={program}
      tokens={tokens}
      csrf={c.var.csrf}
      timeZone={c.var.user!.timeZone}
      now={Date.now()}
      scimBase={`${new URL(c.req.url).origin}/scim/v2`}
      {...extra}
    />,
    { title: c.var.t("api.title") },
  );
}

programApiTokenRoutes.get("/programs/:programId/api-tokens", requireCoordinator, (c) =>
  page(c, { revoked: c.req.query("revoked") === "1" }),
);

programApiTokenRoutes.post("/programs/:programId/api-tokens", requireCoordinator, async (c) => {
  const typed = typedValues(await readForm(c));
  const parsed = apiTokenForm.safeParse(typed);
  if (!parsed.success) {
    c.status(400);
    return page(c, { errors: fieldErrors(parsed.error), typed });
  }
  const { secret } = await createApiToken(c.env, {
    programId: c.req.param("programId"),
    name: parsed.data.name,
    scope: parsed.data.scope,
    days: Number(parsed.data.days),
    createdBy: c.var.user!.id,
  });
  return page(c, { created: { name: parsed.data.name, secret } });
});

programApiTokenRoutes.post("/programs/:programId/api-tokens/:tokenId/revoke", requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const revoked = await revokeApiToken(c.env, programId, c.req.param("tokenId"), c.var.user!.id);
  return c.redirect(`/programs/${programId}/api-tokens${revoked ? "?revoked=1" : ""}`, 303);
});
