/** One staged proposal: its reasons, better-placed alternatives with the score change, and the hand edits. */
import { scoreChange } from "../../worker/domain/matching/staging";
import type { Alternative, ProposalRow, SwapOption } from "../../worker/domain/matching/review";
import type { Program } from "../../worker/domain/records";
import { CsrfField, ErrorSummary, type Errors, ErrorText, TextInput } from "../components/form";
import { useI18n } from "../i18n";
import { useReasons } from "../components/match-reasons";
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
  const { t } = useI18n();
  const reasons = useReasons();
  const peer = p.type === "peer";
  const other = peer ? "peer" : "other";
  return (
    <section>
      <p>
        <a href={`/programs/${p.id}/matching`}>{t("proposal.back")}</a>
      </p>
      <h1>{t("proposal.title", { mentee: r.menteeName || r.menteeEmail, mentor: r.mentorName || r.mentorEmail })}</h1>
      <ErrorSummary errors={errors} />
      {errors?._form ? (
        <p class="error" role="alert">
          <ErrorText text={errors._form} />
        </p>
      ) : null}
      <div class="grid2">
        <p>
          {t(peer ? "matching.peer" : "matching.mentee")}:{" "}
          <Who name={r.menteeName} email={r.menteeEmail} zone={r.menteeZone} />
        </p>
        <p>
          {t(peer ? "matching.peer" : "matching.mentor")}:{" "}
          <Who name={r.mentorName} email={r.mentorEmail} zone={r.mentorZone} />
        </p>
      </div>
      <p>
        {t("matching.score")}: <Score score={r.score} original={r.originalScore} />{" "}
        {r.approved ? `· ${t("proposal.approved")}` : null}
      </p>
      <ul>
        {r.reasons.map((reason) => (
          <li>{reasons([reason])}</li>
        ))}
      </ul>
      <h2>{t("proposal.others", { other })}</h2>
      {alternatives.length === 0 ? (
        <p>{t("proposal.noOthers", { other })}</p>
      ) : (
        <ul class="cards">
          {alternatives.map((a) => (
            <li>
              <strong>
                <bdi>{a.name || a.email}</bdi>
              </strong>{" "}
              — {t("proposal.alternative", { score: a.score, change: scoreChange(r.score, a.score), n: a.free })}
              <br />
              <small class="muted">{reasons(a.reasons)}</small>{" "}
              <ActionButton
                csrf={csrf}
                action={`${base}/mentor`}
                fields={{ mentor_email: a.email }}
                label={t("proposal.choose", { name: a.name || a.email })}
                secondary
              />
            </li>
          ))}
        </ul>
      )}
      {!peer ? (
        <>
          <h2>{t("proposal.swaps")}</h2>
          {swaps.length === 0 ? (
            <p>{t("proposal.noSwaps")}</p>
          ) : (
            <ul class="cards">
              {swaps.map((w) => (
                <li>
                  {t("proposal.swap", {
                    other: w.otherMenteeName,
                    otherMentor: w.otherMentorName,
                    mentee: r.menteeName || r.menteeEmail,
                    mentor: r.mentorName || r.mentorEmail,
                    here: w.scoreHere,
                    there: w.scoreThere,
                    change: `${w.change >= 0 ? "+" : "−"}${Math.abs(w.change)}`,
                  })}{" "}
                  <ActionButton
                    csrf={csrf}
                    action={`${base}/swap`}
                    fields={{ other_email: w.otherMenteeEmail }}
                    label={t("proposal.swapWith", { name: w.otherMenteeName })}
                    secondary
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <form method="post" action={`${base}/mentor`}>
        <h2>{t("proposal.byEmail", { other })}</h2>
        <CsrfField token={csrf} />
        <TextInput
          name="mentor_email"
          label={t("proposal.email", { other })}
          type="email"
          value={values?.mentor_email}
          errors={errors}
          required
        />
        <button type="submit">{t("proposal.changeOther", { other })}</button>
      </form>
      <form method="post" action={`${base}/swap`}>
        <h2>{t(peer ? "proposal.swapPartners" : "proposal.swapByEmail")}</h2>
        <CsrfField token={csrf} />
        <TextInput
          name="other_email"
          label={t(peer ? "proposal.otherPair" : "proposal.otherMentee")}
          type="email"
          value={values?.other_email}
          errors={errors}
          hint={t("proposal.swapHint")}
          required
        />
        <button type="submit">{t("proposal.swapSubmit")}</button>
      </form>
      <h2>{t("proposal.remove")}</h2>
      <p>
        <ActionButton csrf={csrf} action={`${base}/remove`} label={t("proposal.removeThis")} secondary />{" "}
        <small class="muted">{t("proposal.removeHint")}</small>
      </p>
    </section>
  );
}
