/** "← Previous · Page 2 of 5 · Next →" links under a paged list; nothing when everything fits on one page. */
import { useI18n } from "../i18n";

interface PagerProps {
  /** Names the navigation for screen readers, e.g. "Pairing pages". */
  label: string;
  page: number;
  pages: number;
  /** The address of page `n`. */
  href: (n: number) => string;
  previous?: string;
  next?: string;
}

/** Plain links to the neighbouring pages (they work without JavaScript). */
export function Pager({ label, page, pages, href, previous, next }: PagerProps) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {previous ?? t("pager.previous")}
        </a>
      ) : null}{" "}
      <span>{t("pager.page", { page, pages })}</span>{" "}
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {next ?? t("pager.next")}
        </a>
      ) : null}
    </nav>
  );
}
