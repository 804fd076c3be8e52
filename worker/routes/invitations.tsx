/**
 * Accepting an invitation: the GET shows one button, the POST activates the membership, signs the person in and starts
 * their onboarding (coordinators go to the program).
 */
import { Hono } from "hono";
import { BadInvitation, InvitationPage } from "../../views/pages/invitation";
import { signInAs } from "../http/sign-in";
import { acceptInvitation, inspectInvitation } from "../programs/invitations";
import type { AppEnv } from "../types";
import { linkProblemStatus } from "../../views/components/link-problem";

export const invitationRoutes = new Hono<AppEnv>();

invitationRoutes.get("/invitations/:token", async (c) => {
  const token = c.req.param("token");
  const found = await inspectInvitation(c.env, token);
  if (found.state !== "valid") {
    c.status(linkProblemStatus(found.state));
    return c.render(<BadInvitation reason={found.state} />, { title: c.var.t("invitation.pageTitle") });
  }
  return c.render(
    <InvitationPage
      csrf={c.var.csrf}
      token={token}
      programName={found.programName}
      role={found.role}
      email={found.email}
    />,
    { title: c.var.t("invitation.pageTitle") },
  );
});

invitationRoutes.post("/invitations/:token", async (c) => {
  const token = c.req.param("token");
  const accepted = await acceptInvitation(c.env, token);
  if (!accepted) {
    const { state } = await inspectInvitation(c.env, token);
    const reason = state === "valid" ? "used" : state;
    c.status(linkProblemStatus(reason));
    return c.render(<BadInvitation reason={reason} />, { title: c.var.t("invitation.pageTitle") });
  }
  await signInAs(c, accepted.personId);
  const programPath = `/programs/${encodeURIComponent(accepted.programId)}`;
  return c.redirect(accepted.role === "coordinator" ? programPath : `${programPath}/welcome`, 303);
});
