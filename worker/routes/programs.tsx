/** Program pages for coordinators: list, create, overview, edit (invitations and import have their own route files). */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { ForbiddenPage } from "../../views/pages/errors";
import { newProgramDefaults, ProgramForm, ProgramList, programValues } from "../../views/pages/program-form";
import type { Errors } from "../../views/components/form";
import { type ProgramInput, programSchema } from "../domain/program";
import { msg } from "../domain/i18n/translate";
import { fieldErrors, typedValues } from "../http/forms";
import { renderOverview } from "../http/program-overview";
import { redirectAfterPost } from "../http/redirects";
import { requireCoordinator, requireUser } from "../http/guards";
import { coordinatedPrograms, createProgram, getProgram, updateProgram } from "../programs/queries";
import { providerButtons } from "../oidc/config";
import type { AppEnv } from "../types";

export const programRoutes = new Hono<AppEnv>();

const creatorsOnly = async (c: Context) => {
  c.status(403);
  return c.render(<ForbiddenPage message={c.var.t("programs.list.creatorsOnly")} />, {
    title: c.var.t("error.forbidden.title"),
  });
};

programRoutes.get("/programs", requireUser, async (c) => {
  const user = c.var.user!;
  const programs = await coordinatedPrograms(c.env, user.id);
  if (!user.canCreatePrograms && programs.length === 0) return creatorsOnly(c);
  return c.render(<ProgramList programs={programs} canCreate={user.canCreatePrograms} />, {
    title: c.var.t("layout.programs"),
  });
});

const newForm = (c: Context, values: Record<string, string>, errors?: Errors) =>
  c.render(
    <ProgramForm
      csrf={c.var.csrf}
      action="/programs/new"
      mode="new"
      values={values}
      errors={errors}
      ssoProviders={providerButtons(c.env)}
    />,
    { title: c.var.t("programs.form.newTitle") },
  );

/** The form's errors when its single sign-on provider is not a configured one (only a forged form sends that). */
const ssoProviderErrors = (c: Context<AppEnv>, input: ProgramInput): Errors | null =>
  input.sso_provider && !providerButtons(c.env).some((p) => p.id === input.sso_provider)
    ? { sso_provider: msg("sso.program.error") }
    : null;

programRoutes.get("/programs/new", requireUser, (c) =>
  c.var.user!.canCreatePrograms ? newForm(c, newProgramDefaults(c.var.locale)) : creatorsOnly(c),
);

programRoutes.post(
  "/programs/new",
  requireUser,
  async (c, next) => (c.var.user!.canCreatePrograms ? next() : creatorsOnly(c)),
  zValidator("form", programSchema, (result, c) => {
    if (result.success) return;
    c.status(422);
    return newForm(c, typedValues(result.data), fieldErrors(result.error));
  }),
  async (c) => {
    const ssoErrors = ssoProviderErrors(c, c.req.valid("form"));
    if (ssoErrors) {
      c.status(422);
      return newForm(c, typedValues(await c.req.parseBody()), ssoErrors);
    }
    const id = await createProgram(c.env, c.req.valid("form"), c.var.user!.id);
    return redirectAfterPost(c, `/programs/${id}`);
  },
);

programRoutes.get("/programs/:programId", requireCoordinator, (c) => renderOverview(c));

const editForm = (c: Context, values: Record<string, string>, errors?: Errors) =>
  c.render(
    <ProgramForm
      csrf={c.var.csrf}
      action={`/programs/${c.req.param("programId")}/edit`}
      mode="edit"
      values={values}
      errors={errors}
      ssoProviders={providerButtons(c.env)}
    />,
    { title: c.var.t("programs.form.editTitle") },
  );

programRoutes.get("/programs/:programId/edit", requireCoordinator, async (c) =>
  editForm(c, programValues((await getProgram(c.env, c.req.param("programId")))!)),
);

programRoutes.post(
  "/programs/:programId/edit",
  requireCoordinator,
  zValidator("form", programSchema, (result, c) => {
    if (result.success) return;
    c.status(422);
    return editForm(c, typedValues(result.data), fieldErrors(result.error));
  }),
  async (c) => {
    const ssoErrors = ssoProviderErrors(c, c.req.valid("form"));
    if (ssoErrors) {
      c.status(422);
      return editForm(c, typedValues(await c.req.parseBody()), ssoErrors);
    }
    await updateProgram(c.env, c.req.param("programId"), c.req.valid("form"), c.var.user!.id);
    return redirectAfterPost(c, `/programs/${c.req.param("programId")}?saved=1`);
  },
);
