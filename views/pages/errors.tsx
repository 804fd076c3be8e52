/** Friendly error pages, in the viewer's language. */
import type { Child } from "hono/jsx";
import { useI18n } from "../i18n";

/** A link back to the home page. */
function HomeLink() {
  const { t } = useI18n();
  return (
    <p>
      <a href="/">{t("error.goHome")}</a>
    </p>
  );
}

/** 404: the page does not exist (or the viewer may not know it does). */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("error.notFound.title")}</h1>
      <p>{t("error.notFound.body")}</p>
      <HomeLink />
    </section>
  );
}

/** 403: signed in, but this page is for someone else (e.g. a program's coordinators). */
export function ForbiddenPage({ message, title, children }: { message?: string; title?: string; children?: Child }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{title ?? t("error.forbidden.title")}</h1>
      <p>{message ?? t("error.forbidden.body")}</p>
      {children ? <p>{children}</p> : null}
      <HomeLink />
    </section>
  );
}

/** 403 for a write whose CSRF token or origin did not match. */
export function CsrfRejectedPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("error.csrf.title")}</h1>
      <p>{t("error.csrf.body")}</p>
    </section>
  );
}

/** 400 for a request whose body could not be read at all. */
export function BadRequestPage({ message }: { message?: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("error.badRequest.title")}</h1>
      <p>{message ?? t("error.badRequest.body")}</p>
    </section>
  );
}

/** 500: our fault; nothing the visitor typed caused a half-written change. */
export function ServerErrorPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("error.server.title")}</h1>
      <p>{t("error.server.body")}</p>
      <HomeLink />
    </section>
  );
}
