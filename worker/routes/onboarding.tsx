/**
 * Onboarding: `/programs/:programId/welcome` and one page per step. Only the program's active mentors and mentees get
 * in; each step validates its own fields and saves them alone (redirect after POST), or shows the step again with what
 * was typed and stores nothing.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import {
  type OnboardingProgram,
  StepPage,
  type StepPageProps,
  stepPath,
  WelcomePage,
  welcomePath,
} from "../../views/pages/onboarding";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { slotsToCells } from "../domain/onboarding/availability-grid";
import {
  isOnboardingStep,
  nextStep,
  type OnboardingStep,
  type ParticipantRole,
  profileCompleteness,
  stepsFor,
} from "../domain/onboarding/completeness";
import { STEP_SCHEMAS } from "../domain/onboarding/forms";
import type { Person } from "../domain/records";
import { zonesByRegion } from "../domain/time-zones";
import { fieldErrors, manyValues, readForm, typedValues } from "../http/forms";
import { requireUser, rolesIn } from "../http/guards";
import { saveProfileFields } from "../people/profile-store";
import { coordinatorNames, getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

type OnboardingEnv = AppEnv & {
  Variables: { program: OnboardingProgram; participantRoles: ParticipantRole[] };
};

/** Onboarding routes. */
export const onboardingRoutes = new Hono<OnboardingEnv>();

/** Lets in the program's active mentors and mentees (404 for an unknown program, 403 for anyone else). */
const requireParticipant: MiddlewareHandler<OnboardingEnv> = async (c, next) => {
  const user = c.var.user;
  if (!user) return requireUser(c as unknown as Context<AppEnv>, next);
  const programId = c.req.param("programId") ?? "";
  const [program, roles] = await Promise.all([getProgram(c.env, programId), rolesIn(c.env, programId, user.id)]);
  if (!program) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  const participant = roles.filter((r): r is ParticipantRole => r === "mentor" || r === "mentee");
  if (!participant.length) {
    c.status(403);
    return c.render(<ForbiddenPage />, { title: c.var.t("error.forbidden.title") });
  }
  c.set("participantRoles", participant);
  c.set("program", {
    id: program.id,
    name: program.name,
    description: program.description,
    matchingMode: program.matchingMode,
    coordinators: await coordinatorNames(c.env, program.id),
  });
  return next();
};

onboardingRoutes.use("/programs/:programId/welcome", requireParticipant);
onboardingRoutes.use("/programs/:programId/welcome/*", requireParticipant);

onboardingRoutes.get("/programs/:programId/welcome", (c) => {
  const roles = c.var.participantRoles;
  const missing = profileCompleteness(c.var.user!, roles);
  const steps = stepsFor(roles);
  return c.render(
    <WelcomePage
      program={c.var.program}
      roles={roles}
      steps={steps}
      missing={missing}
      next={nextStep(steps, missing, null)}
      csrf={c.var.csrf}
    />,
    { title: c.var.t("onboarding.welcome.title", { program: c.var.program.name }) },
  );
});

/** The step named in the path if this person has it, or null. */
function stepOf(c: Context<OnboardingEnv>): OnboardingStep | null {
  const step = c.req.param("step") ?? "";
  return isOnboardingStep(step) && stepsFor(c.var.participantRoles).includes(step) ? step : null;
}

/** The saved profile as a step's field values. */
function savedValues(user: Person): Record<string, string> {
  return {
    time_zone: user.timeZone === "UTC" ? "" : user.timeZone,
    languages: user.languages.join(", "),
    goals: user.goals.join(", "),
    expertise: user.expertise.join(", "),
    capacity: user.capacity > 0 ? String(user.capacity) : "",
  };
}

/** Renders a step page around its values (and errors). */
function renderStep(c: Context<OnboardingEnv>, step: OnboardingStep, extra: Partial<StepPageProps>) {
  const user = c.var.user!;
  const all = zonesByRegion();
  const region = c.req.query("region");
  const chosen = all.find((r) => r.id === region);
  const props: StepPageProps = {
    program: c.var.program,
    step,
    steps: stepsFor(c.var.participantRoles),
    csrf: c.var.csrf,
    values: savedValues(user),
    cells: slotsToCells(user.availability),
    timeZone: user.timeZone,
    regions: chosen ? [chosen] : all,
    region: chosen?.id,
    allRegions: all,
    ...extra,
  };
  return c.render(<StepPage {...props} />, {
    title: c.var.t("onboarding.title", { program: c.var.program.name }),
    scripts: step === "time-zone" ? ["zone"] : undefined,
  });
}

function notFound(c: Context<OnboardingEnv>) {
  c.status(404);
  return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
}

onboardingRoutes.get("/programs/:programId/welcome/:step", (c) => {
  const step = stepOf(c);
  return step ? renderStep(c, step, {}) : notFound(c);
});

onboardingRoutes.post("/programs/:programId/welcome/:step", async (c) => {
  const step = stepOf(c);
  if (!step) return notFound(c);
  const form = await readForm(c);
  const user = c.var.user!;
  const parsed = STEP_SCHEMAS[step].safeParse(form);
  if (!parsed.success) {
    c.status(422);
    return renderStep(c, step, {
      values: { ...savedValues(user), ...typedValues(form) },
      cells: new Set(manyValues(form, "cell")),
      errors: fieldErrors(parsed.error),
    });
  }
  const fields: Partial<Person> = parsed.data;
  await saveProfileFields(c.env, user.id, fields);
  const roles = c.var.participantRoles;
  const after = nextStep(stepsFor(roles), profileCompleteness({ ...user, ...fields }, roles), step);
  const programId = c.var.program.id;
  return c.redirect(after ? stepPath(programId, after) : welcomePath(programId), 303);
});
