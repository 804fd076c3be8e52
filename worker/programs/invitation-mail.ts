/** The email that carries an invitation link. */
import type { Role } from "../domain/vocabulary";
import type { MailInput } from "../mail/mail-outbox";

/** Builds the invitation email: which program, which role, who invites, and the single-use link. */
export function invitationMail({
  to,
  programName,
  role,
  inviter,
  link,
}: {
  to: string;
  programName: string;
  role: Role;
  inviter: string;
  link: string;
}): MailInput {
  return {
    to,
    kind: "invitation",
    subject: `You're invited to ${programName} on Trellis`,
    text: `Hello,\n\n${inviter || "A coordinator"} invites you to join "${programName}" as a ${role}.\n\nAccept the invitation here:\n\n${link}\n\nThe link works once and for 14 days.\n`,
  };
}
