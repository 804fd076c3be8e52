/** The mentors page of a self-match program: mentors with a free place, best match first, each with a request form. */
import { useReasons } from "../components/match-reasons";
import { limitText, MESSAGE_MAX } from "../../worker/domain/matching/self-match";
import { listText } from "../../worker/domain/i18n/intl";
import { CsrfField, TextAreaField } from "../components/form";
import { Pager } from "../components/pager";
import { ErrorText } from "../components/form";
import { useI18n } from "../i18n";

/** One mentor as a mentee sees them. */
export interface MentorOption {
  id: string;
  name: string;
  timeZone: string;
  expertise: readonly string[];
  score: number;
  reasons: string[];
  /** The mentee already has an open request with this mentor. */
  requested: boolean;
}

/** A request form sent back with a problem: for which mentor, what was typed, and the message. */
export interface RequestDraft {
  mentorId: string;
  message: string;
  error: string;
}

export interface MentorsPageProps {
  csrf: string;
  program: { id: string; name: string };
  mentors: MentorOption[];
  page: number;
  pages: number;
  total: number;
  /** Where the first mentor of this page ranks overall. */
  firstRank: number;
  wantsLeft: number;
  requestsLeft: number;
  draft?: RequestDraft;
}

/** The whole page. */
export function MentorsPage(props: MentorsPageProps) {
  const { t } = useI18n();
  const { program, draft } = props;
  const draftOnPage = draft !== undefined && props.mentors.some((m) => m.id === draft.mentorId);
  return (
    <section>
      <h1>{t("selfMatch.title")}</h1>
      <p class="muted">
        {program.name} · <a href={`/programs/${program.id}/me`}>{t("selfMatch.yourPage")}</a>
      </p>
      <p>{t("selfMatch.intro")}</p>
      {draft && !draftOnPage ? <LostDraft draft={draft} /> : null}
      {props.wantsLeft <= 0 ? (
        <p class="notice">{t("myProgram.allMentors")}</p>
      ) : (
        <p class={props.requestsLeft <= 0 ? "notice" : "muted"}>
          <ErrorText text={limitText(props.wantsLeft)} />
        </p>
      )}
      {props.total === 0 ? (
        <p>{t("selfMatch.none")}</p>
      ) : (
        <ol class="cards" start={props.firstRank}>
          {props.mentors.map((m) => (
            <Mentor
              csrf={props.csrf}
              program={program}
              mentor={m}
              page={props.page}
              canAsk={props.requestsLeft > 0}
              draft={draftOnPage && draft.mentorId === m.id ? draft : undefined}
            />
          ))}
        </ol>
      )}
      <Pager
        label={t("selfMatch.pages")}
        page={props.page}
        pages={props.pages}
        href={(n) => `/programs/${program.id}/mentors?page=${n}`}
      />
    </section>
  );
}

function Mentor({
  csrf,
  program,
  mentor: m,
  page,
  canAsk,
  draft,
}: {
  csrf: string;
  program: { id: string };
  mentor: MentorOption;
  page: number;
  canAsk: boolean;
  draft?: RequestDraft;
}) {
  const { t, locale } = useI18n();
  const action = `/programs/${program.id}/requests`;
  const field = `message-${m.id}`;
  return (
    <li id={`mentor-${m.id}`}>
      <strong>{m.name}</strong> · {t("selfMatch.score", { score: m.score })}
      <br />
      <span class="muted">
        {useReasons()(m.reasons)}
        <br />
        {m.expertise.length > 0 ? `${t("selfMatch.expertise", { list: listText(locale, [...m.expertise]) })} · ` : ""}
        {t("selfMatch.timeZone", { zone: m.timeZone })}
      </span>
      {m.requested ? (
        <p>{t("selfMatch.asked", { name: m.name })}</p>
      ) : canAsk || draft ? (
        <details open={draft !== undefined}>
          <summary>{t("selfMatch.ask", { name: m.name })}</summary>
          <form method="post" action={action} hx-post={action} hx-target="#main">
            <CsrfField token={csrf} />
            <input type="hidden" name="mentor_id" value={m.id} />
            <input type="hidden" name="page" value={String(page)} />
            <TextAreaField
              id={field}
              name="message"
              label={t("selfMatch.message")}
              hint={t("selfMatch.messageHint", { max: MESSAGE_MAX })}
              maxlength={MESSAGE_MAX}
              required
              value={draft?.message}
              error={draft?.error}
            />
            <button type="submit">{t("selfMatch.send")}</button>
          </form>
        </details>
      ) : null}
    </li>
  );
}

/**
 * A request whose mentor is not on this page (unknown, full, or on another page): the problem, and the message kept to
 * copy.
 */
function LostDraft({ draft }: { draft: RequestDraft }) {
  const { t } = useI18n();
  return (
    <div class="error-summary" role="alert">
      <p>
        <ErrorText text={draft.error} />
      </p>
      {draft.message ? (
        <>
          <label for="kept-message">{t("selfMatch.kept")}</label>
          <textarea id="kept-message" readonly>
            {draft.message}
          </textarea>
        </>
      ) : null}
    </div>
  );
}
