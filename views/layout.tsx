/** The one page layout: header with navigation, main landmark, footer; CSS and htmx from versioned assets. */
import type { Child } from "hono/jsx";
import type { Person } from "../worker/domain/records";
import { ASSETS } from "./assets.gen";
import { CsrfField } from "./components/form";
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

/** Renders a full HTML document around a page's content. */
export function Layout({ title, user, csrf, scripts, path = "", children }: LayoutProps) {
  return (
    <html lang="en">
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
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            <Icon name="logo" />
            Trellis
          </a>
          <nav aria-label="Main" class="main">
            {user ? (
              <>
                <MainLink href="/" icon="home" label="Home" path={path} />
                {user.canCreatePrograms ? (
                  <MainLink href="/programs" icon="programs" label="Programs" path={path} />
                ) : null}
                <MainLink href="/calendar" icon="calendar" label="Calendar" path={path} />
                <MainLink href="/profile" icon="user" label="Profile" path={path} />
                <form method="post" action="/signout" class="inline">
                  <CsrfField token={csrf} />
                  <button type="submit" title="Sign out">
                    <Icon name="signout" />
                    <span class="nl">Sign out</span>
                  </button>
                </form>
              </>
            ) : (
              <a href="/signin" class="text">
                <Icon name="user" />
                <span class="nl">Sign in</span>
              </a>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <p>Trellis — open-source mentoring programs.</p>
        </footer>
      </body>
    </html>
  );
}
