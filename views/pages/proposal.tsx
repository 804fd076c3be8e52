/** One staged proposal: its reasons, better-placed alternatives with the score change, and the hand edits. */
import { scoreChange } from "../../worker/domain/matching/staging";
import type { Alternative, ProposalRow, SwapOption } from "../../worker/domain/matching/review";
import type { Program } from "../../worker/domain/records";
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { ActionButton, Score, Who } from "./matching";

interface ProposalProps {
  csrf: string;
  program: Program;
  runId: string;
  proposal: ProposalRow;
  alternatives: Alternative[];
  /** The best swaps with other proposals, best total change first (empty in peer programs). */
  swaps?: SwapOption[];
  values?: Record<string, string>;
  errors?: Errors;
}

/** The page for changing one proposal. */
export function ProposalPage({
  csrf,
  program: p,
  runId,
  proposal: r,
  alternatives,
  swaps = [],
  values,
  errors,
}: ProposalProps) {
  const base = `/programs/${p.id}/matching/${runId}/proposals/${r.id}`;
  const peer = p.type === "peer";
  const other = peer ? "partner" : "mentor";
  return (
    <section>
      <p>
        <a href={`/programs/${p.id}/matching`}>← All proposals</a>
      </p>
      <h1>
        {r.menteeName || r.menteeEmail} with {r.mentorName || r.mentorEmail}
      </h1>
      <ErrorSummary errors={errors} />
      {errors?._form ? (
        <p class="error" role="alert">
          {errors._form}
        </p>
      ) : null}
      <div class="grid2">
        <p>
          {peer ? "Peer" : "Mentee"}: <Who name={r.menteeName} email={r.menteeEmail} zone={r.menteeZone} />
        </p>
        <p>
          {peer ? "Peer" : "Mentor"}: <Who name={r.mentorName} email={r.mentorEmail} zone={r.mentorZone} />
        </p>
      </div>
      <p>
        Score: <Score score={r.score} original={r.originalScore} /> {r.approved ? "· approved" : null}
      </p>
      <ul>
        {r.reasons.map((reason) => (
          <li>{reason}</li>
        ))}
      </ul>
      <h2>Other {other}s with free places</h2>
      {alternatives.length === 0 ? (
        <p>No other {other} with a free place is compatible. Swap with another proposal instead.</p>
      ) : (
        <ul class="cards">
          {alternatives.map((a) => (
            <li>
              <strong>{a.name || a.email}</strong> — score {a.score} ({scoreChange(r.score, a.score)}), {a.free} free
              place{a.free === 1 ? "" : "s"}
              <br />
              <small class="muted">{a.reasons.join(" · ")}</small>{" "}
              <ActionButton
                csrf={csrf}
                action={`${base}/mentor`}
                fields={{ mentor_email: a.email }}
                label={`Choose ${a.name || a.email}`}
                secondary
              />
            </li>
          ))}
        </ul>
      )}
      {!peer ? (
        <>
          <h2>Swap mentors with another proposal</h2>
          {swaps.length === 0 ? (
            <p>No swap with another proposal is allowed by the rules.</p>
          ) : (
            <ul class="cards">
              {swaps.map((w) => (
                <li>
                  With <strong>{w.otherMenteeName}</strong> (now with {w.otherMentorName}):{" "}
                  {r.menteeName || r.menteeEmail} gets {w.otherMentorName} (score {w.scoreHere}), {w.otherMenteeName}{" "}
                  gets {r.mentorName || r.mentorEmail} (score {w.scoreThere}) — total {w.change >= 0 ? "+" : "−"}
                  {Math.abs(w.change)}{" "}
                  <ActionButton
                    csrf={csrf}
                    action={`${base}/swap`}
                    fields={{ other_email: w.otherMenteeEmail }}
                    label={`Swap with ${w.otherMenteeName}`}
                    secondary
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <form method="post" action={`${base}/mentor`}>
        <h2>Choose a {other} by email</h2>
        <CsrfField token={csrf} />
        <TextInput
          name="mentor_email"
          label={`The ${other}'s email`}
          type="email"
          value={values?.mentor_email}
          errors={errors}
          required
        />
        <button type="submit">Change {other}</button>
      </form>
      <form method="post" action={`${base}/swap`}>
        <h2>{peer ? "Swap partners with another proposal" : "Swap with another proposal by email"}</h2>
        <CsrfField token={csrf} />
        <TextInput
          name="other_email"
          label={peer ? "Email of someone in the other pair" : "The other proposal's mentee email"}
          type="email"
          value={values?.other_email}
          errors={errors}
          hint={`Both new pairs are checked against every rule, and the score change is shown.`}
          required
        />
        <button type="submit">Swap</button>
      </form>
      <h2>Remove</h2>
      <p>
        <ActionButton csrf={csrf} action={`${base}/remove`} label="Remove this proposal" secondary />{" "}
        <small class="muted">Both people go back to the not-matched list.</small>
      </p>
    </section>
  );
}
