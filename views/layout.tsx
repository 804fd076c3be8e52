/** The one page layout: header with navigation, main landmark, footer; CSS and htmx from versioned assets. */
import type { Child } from "hono/jsx";
import type { Person } from "../worker/domain/records";
import { ASSETS } from "./assets.gen";
import { CsrfField } from "./components/form";
import { LanguageForm } from "./components/language-form";
import { useI18n } from "./i18n";

interface LayoutProps {
  title: string;
  user: Person | null;
  csrf: string;
  /**
   * "chat": load htmx bundled with its WebSocket and upsert extensions instead of htmx alone; "zone": also the time-zone
   * suggestion of the onboarding step.
   */
  scripts?: ("chat" | "zone")[];
  /** The page's own path and query, where the language switch comes back to. */
  here?: string;
  children?: Child;
}

/** Renders a full HTML document around a page's content, in the request's language and writing direction. */
export function Layout({ title, user, csrf, scripts, here = "/", children }: LayoutProps) {
  const { locale, dir, t } = useI18n();
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <title>{`${title} · Trellis`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`/assets/${ASSETS.css}`} />
        <script src={`/assets/${scripts?.includes("chat") ? ASSETS.chat : ASSETS.htmx}`} defer></script>
        {scripts?.includes("zone") ? <script src={`/assets/${ASSETS.zone}`} defer></script> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site">
          <a class="brand" href="/">
            Trellis
          </a>
          <nav aria-label={t("layout.mainNav")}>
            {user ? (
              <>
                <a href="/">{t("layout.home")}</a>
                {user.canCreatePrograms ? <a href="/programs">{t("layout.programs")}</a> : null}
                <a href="/profile">{t("layout.profile")}</a>
                <a href="/calendar">{t("layout.calendar")}</a>
                <form method="post" action="/signout" class="inline">
                  <CsrfField token={csrf} />
                  <button type="submit" class="link">
                    {t("layout.signOut")}
                  </button>
                </form>
              </>
            ) : (
              <a href="/signin">{t("layout.signIn")}</a>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <p>{t("layout.tagline")}</p>
          <LanguageForm csrf={csrf} next={here} />
        </footer>
      </body>
    </html>
  );
}
