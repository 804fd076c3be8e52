/**
 * A check-in answered from its email link, without signing in: the chosen answer preselected and one button. Opening
 * the page records nothing (mail scanners open links); pressing the button does. Plain HTML: works in any browser.
 */
import { CHECKIN_CHOICES, COMMENT_MAX, answerLabel } from "../../worker/domain/journey/checkin-answers";
import { formatInstant } from "../../worker/domain/format-time";
import { CsrfField, textareaText } from "../components/form";

interface CheckinPageProps {
  csrf: string;
  token: string;
  partners: string;
  programName: string;
  timeZone: string;
  closesAt: number;
  /** The answer to preselect (the one already given, else the link's). */
  chosen: string;
  /** The link's answer when it differs from the one already given: shown beside it, changed only on confirmation. */
  linkAnswer?: string;
  comment: string;
  answered: { answer: string; at: number } | null;
  error?: string;
  thanks?: boolean;
}

/** The check-in page. */
export function CheckinPage(p: CheckinPageProps) {
  return (
    <section class="narrow">
      <h1>How is your mentoring going?</h1>
      <p>
        With {p.partners}, in {p.programName}.
      </p>
      {p.thanks && p.answered ? (
        <p class="success" role="status">
          Thank you! Your answer "{answerLabel(p.answered.answer)}" is recorded. You can change it here until{" "}
          {formatInstant(p.closesAt, p.timeZone)}.
        </p>
      ) : p.answered && p.linkAnswer ? (
        <form method="post" action={`/c/${p.token}`} class="notice">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="answer" value={p.linkAnswer} />
          <p>
            You answered "{answerLabel(p.answered.answer)}" on {formatInstant(p.answered.at, p.timeZone)}. The link you
            opened says "{answerLabel(p.linkAnswer)}".
          </p>
          <p>
            <button type="submit">Change my answer to "{answerLabel(p.linkAnswer)}"</button>{" "}
            <a href={`/c/${p.token}`}>Keep "{answerLabel(p.answered.answer)}"</a>
          </p>
        </form>
      ) : p.answered ? (
        <p class="notice">
          You answered "{answerLabel(p.answered.answer)}" on {formatInstant(p.answered.at, p.timeZone)}. You can change
          it until {formatInstant(p.closesAt, p.timeZone)}.
        </p>
      ) : (
        <p>
          You have not answered yet: choose and press the button. You can change your answer until{" "}
          {formatInstant(p.closesAt, p.timeZone)}.
        </p>
      )}
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      <form method="post" action={`/c/${p.token}`}>
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>Your answer</legend>
          {CHECKIN_CHOICES.map((c) => (
            <div>
              <label class="check">
                <input type="radio" name="answer" value={c.value} checked={p.chosen === c.value} /> {c.label}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-comment">
            Anything to add? (optional: the program's coordinators can read it, your partner cannot)
          </label>
          <div>
            <textarea id="f-comment" name="comment" rows={3} maxlength={COMMENT_MAX}>
              {textareaText(p.comment, COMMENT_MAX)}
            </textarea>
          </div>
        </div>
        <p>
          <button type="submit">{p.answered ? "Change my answer" : "Send my answer"}</button>
        </p>
      </form>
    </section>
  );
}

/** A link that no longer works, and why. */
export function CheckinLinkProblem({ title, message }: { title: string; message: string }) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to Trellis</a>
      </p>
    </section>
  );
}
