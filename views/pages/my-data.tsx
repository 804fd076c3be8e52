/** A person's own data: download everything Trellis holds about them, or delete it (with a typed confirmation). */
import { CsrfField, type Errors, TextInput } from "../components/form";

interface MyDataProps {
  csrf: string;
  /** What was typed into the confirmation field, kept after a mismatch. */
  typed?: string;
  errors?: Errors;
}

/** The download link and the deletion form. */
export function MyDataPage({ csrf, typed, errors }: MyDataProps) {
  return (
    <section id="my-data" class="narrow">
      <h1>Your data</h1>
      <h2>Download everything Trellis holds about you</h2>
      <p>
        One JSON file with your profile, programs, match requests, pairings, what you wrote in them (messages, notes,
        goals, links, agreement versions, check-in answers, meeting answers and outcomes), your meetings, notification
        settings and the emails we sent you, your calendar feeds, sign-ins and the audit log entries about you.
      </p>
      <p>
        <a href="/settings/data/export.json" download>
          Download your data (JSON)
        </a>
      </p>
      <h2>Delete my data</h2>
      <p>This cannot be undone. Deleting your data:</p>
      <ul>
        <li>removes your profile, sign-ins, calendar feeds, notification settings, emails and program memberships;</li>
        <li>
          removes the text of your chat messages (your partners see "Message removed"), the notes and links only you
          wrote, your check-in answers, meeting answers and meeting notes;
        </li>
        <li>
          keeps shared goals and meetings for your partners, without your name; a one-to-one pairing that is still
          running ends early;
        </li>
        <li>
          shows you as "Deleted person" to the people you were paired with. You can sign up again later with the same
          address, as a new person.
        </li>
      </ul>
      <form method="post" action="/settings/data/delete">
        <CsrfField token={csrf} />
        <TextInput
          name="confirm"
          label="Type your email address to confirm"
          value={typed}
          errors={errors}
          type="email"
          autocomplete="off"
          required
          maxlength={320}
          hint="The address you sign in with."
        />
        <button type="submit" class="danger">
          Delete my data
        </button>
      </form>
    </section>
  );
}

/** Shown after the deletion: nothing of the person is left to show. */
export function DataDeletedPage() {
  return (
    <section class="narrow">
      <h1>Your data is deleted</h1>
      <p role="status">We deleted your data and signed you out. Thank you for taking part.</p>
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </section>
  );
}
