/** The one page layout: header with navigation, main landmark, footer; CSS and htmx from versioned assets. */
import type { Child } from "hono/jsx";
import type { Person } from "../worker/domain/records";
import { ASSETS } from "./assets.gen";
import { CsrfField } from "./components/form";

interface LayoutProps {
  title: string;
  user: Person | null;
  csrf: string;
  /**
   * "chat": load htmx bundled with its WebSocket and upsert extensions instead of htmx alone; "zone": also the time-zone
   * suggestion of the onboarding step.
   */
  scripts?: ("chat" | "zone")[];
  children?: Child;
}

/** Renders a full HTML document around a page's content. */
export function Layout({ title, user, csrf, scripts, children }: LayoutProps) {
  return (
    <html lang="en">
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
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            Trellis
          </a>
          <nav aria-label="Main">
            {user ? (
              <>
                <a href="/">Home</a>
                {user.canCreatePrograms ? <a href="/programs">Programs</a> : null}
                <a href="/profile">Profile</a>
                <a href="/calendar">Calendar</a>
                <form method="post" action="/signout" class="inline">
                  <CsrfField token={csrf} />
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <a href="/signin">Sign in</a>
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
