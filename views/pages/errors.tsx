/** Friendly error pages. */
import type { Child } from "hono/jsx";

/** 404: the page does not exist (or the viewer may not know it does). */
export function NotFoundPage() {
  return (
    <section class="narrow">
      <h1>Page not found</h1>
      <p>We couldn't find that page. It may have moved, or the link may be incomplete.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}

/** 403: signed in, but this page is for someone else (e.g. a program's coordinators). */
export function ForbiddenPage({ message, title, children }: { message?: string; title?: string; children?: Child }) {
  return (
    <section class="narrow">
      <h1>{title ?? "Not available to you"}</h1>
      <p>{message ?? "This page is only for the people who run this program."}</p>
      {children ? <p>{children}</p> : null}
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}

/** 403 for a write whose CSRF token or origin did not match. */
export function CsrfRejectedPage() {
  return (
    <section class="narrow">
      <h1>That form has expired</h1>
      <p>
        For your security we couldn't accept it: it was open too long or came from another site. Go back, reload the
        page and try again.
      </p>
    </section>
  );
}

/** 400 for a request whose body could not be read at all. */
export function BadRequestPage({ message }: { message?: string }) {
  return (
    <section class="narrow">
      <h1>We couldn't read that request</h1>
      <p>{message ?? "Something in what was sent didn't make sense to us. Go back and try again."}</p>
    </section>
  );
}

/** 500: our fault; nothing the visitor typed caused a half-written change. */
export function ServerErrorPage() {
  return (
    <section class="narrow">
      <h1>Something went wrong on our side</h1>
      <p>Nothing was changed. Please try again in a moment.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
