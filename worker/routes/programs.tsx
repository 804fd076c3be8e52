/** Program pages for coordinators: list, create, overview, edit, invite. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { ForbiddenPage } from "../../views/pages/errors";
import { ProgramOverview } from "../../views/pages/program";
import { NEW_PROGRAM_DEFAULTS, ProgramForm, ProgramList, programValues } from "../../views/pages/program-form";
import type { Errors } from "../../views/components/form";
import { inviteSchema, programSchema } from "../domain/program";
import { fieldErrors, typedValues } from "../http/forms";
import { redirectAfterPost } from "../http/redirects";
import { requireCoordinator, requireUser } from "../http/guards";
import { publicOrigin, sendMail } from "../mail/outbox";
import { createInvitation } from "../programs/invitations";
import { coordinatedPrograms, createProgram, getProgram, participantsPage, updateProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programRoutes = new Hono<AppEnv>();


const creatorsOnly = async (c: Context) => {
  c.status(403);
  return c.render(<ForbiddenPage message="Only coordinators can create programs. Ask your program's coordinator if you need one." />, { title: "Not available" });
};

programRoutes.get("/programs", requireUser, async (c) => {
  if (!c.var.user!.canCreatePrograms && (await coordinatedPrograms(c.env, c.var.user!.id)).length === 0) return creatorsOnly(c);
  return c.render(<ProgramList programs={await coordinatedPrograms(c.env, c.var.user!.id)} />, { title: "Programs" });
});

const newForm = (c: Context, values: Record<string, string>, errors?: Errors) =>
  c.render(<ProgramForm csrf={c.var.csrf} action="/programs/new" heading="Create a program" submit="Create program" values={values} errors={errors} />, { title: "Create a program" });

programRoutes.get("/programs/new", requireUser, (c) => (c.var.user!.canCreatePrograms ? newForm(c, NEW_PROGRAM_DEFAULTS) : creatorsOnly(c)));

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
    const id = await createProgram(c.env, c.req.valid("form"), c.var.user!.id);
    return redirectAfterPost(c, `/programs/${id}`);
  },
);

const overview = async (c: Context, invite?: { values: Record<string, string>; errors?: Errors }) => {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { rows, total } = await participantsPage(c.env, program.id, page);
  const notice = c.req.query("saved") ? "Program saved." : c.req.query("invited") ? `Invitation sent to ${c.req.query("invited")!.slice(0, 254)}.` : undefined;
  return c.render(<ProgramOverview csrf={c.var.csrf} program={program} participants={rows} total={total} page={page} notice={notice} invite={invite} />, { title: program.name });
};

programRoutes.get("/programs/:programId", requireCoordinator, (c) => overview(c));

const editForm = (c: Context, values: Record<string, string>, errors?: Errors) =>
  c.render(<ProgramForm csrf={c.var.csrf} action={`/programs/${c.req.param("programId")}/edit`} heading="Edit program" submit="Save program" values={values} errors={errors} />, { title: "Edit program" });

programRoutes.get("/programs/:programId/edit", requireCoordinator, async (c) => editForm(c, programValues((await getProgram(c.env, c.req.param("programId")))!)));

programRoutes.post(
  "/programs/:programId/edit",
  requireCoordinator,
  zValidator("form", programSchema, (result, c) => {
    if (result.success) return;
    c.status(422);
    return editForm(c, typedValues(result.data), fieldErrors(result.error));
  }),
  async (c) => {
    await updateProgram(c.env, c.req.param("programId"), c.req.valid("form"));
    return redirectAfterPost(c, `/programs/${c.req.param("programId")}?saved=1`);
  },
);

programRoutes.post(
  "/programs/:programId/invitations",
  requireCoordinator,
  zValidator("form", inviteSchema, async (result, c) => {
    if (result.success) return;
    c.status(422);
    return overview(c, { values: typedValues(result.data), errors: fieldErrors(result.error) });
  }),
  async (c) => {
    const { email, role } = c.req.valid("form");
    const program = (await getProgram(c.env, c.req.param("programId")))!;
    const token = await createInvitation(c.env, program.id, email, role);
    const link = `${publicOrigin(c.env, c.req.url)}/invitations/${token}`;
    await sendMail(c.env, {
      to: email,
      kind: "invitation",
      subject: `You're invited to ${program.name} on Trellis`,
      text: `Hello,\n\n${c.var.user!.name || "A coordinator"} invites you to join "${program.name}" as a ${role}.\n\nAccept the invitation here:\n\n${link}\n\nThe link works once and for 14 days.\n`,
    });
    return redirectAfterPost(c, `/programs/${program.id}?invited=${encodeURIComponent(email)}`);
  },
);
