/** The one page layout: header with navigation, main landmark, footer; CSS and htmx from versioned assets. */
import type { Child } from "hono/jsx";
import type { Person } from "../worker/domain/records";
import { ASSETS } from "./assets.gen";
import { CsrfField } from "./components/form";
import { LanguageForm } from "./components/language-form";
import { useI18n } from "./i18n";
import { Icon, type IconName } from "./components/icon";

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
  /** The request's path, to mark the current main navigation link. */
  path?: string;
  children?: Child;
}

/** Which main link a path belongs to ("/" only for itself). */
function currentOf(path: string, href: string): "page" | undefined {
  if (href === "/") return path === "/" ? "page" : undefined;
  return path === href || path.startsWith(`${href}/`) ? "page" : undefined;
}

/** A main navigation link: an icon and a label that narrow screens keep only for screen readers. */
function MainLink({ href, icon, label, path }: { href: string; icon: IconName; label: string; path: string }) {
  return (
    <a href={href} aria-current={currentOf(path, href)} title={label}>
      <Icon name={icon} />
      <span class="nl">{label}</span>
    </a>
  );
}

/** Renders a full HTML document around a page's content, in the request's language and writing direction. */
export function Layout({ title, user, csrf, scripts, here = "/", path = "", children }: LayoutProps) {
  const { locale, dir, t } = useI18n();
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <title>{`${title} · Trellis`}</title>
        <meta name="color-scheme" content="light dark" />
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
            <Icon name="logo" />
            Trellis
          </a>
          <nav aria-label={t("layout.mainNav")} class="main">
            {user ? (
              <>
                <MainLink href="/" icon="home" label={t("layout.home")} path={path} />
                {user.canCreatePrograms ? (
                  <MainLink href="/programs" icon="programs" label={t("layout.programs")} path={path} />
                ) : null}
                <MainLink href="/calendar" icon="calendar" label={t("layout.calendar")} path={path} />
                <MainLink href="/profile" icon="user" label={t("layout.profile")} path={path} />
                <form method="post" action="/signout" class="inline">
                  <CsrfField token={csrf} />
                  <button type="submit" title={t("layout.signOut")}>
                    <Icon name="signout" />
                    <span class="nl">{t("layout.signOut")}</span>
                  </button>
                </form>
              </>
            ) : (
              <a href="/signin" class="text">
                <Icon name="user" />
                <span class="nl">{t("layout.signIn")}</span>
              </a>
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
