/** The text alternative next to every chart: the same numbers in a real table, folded under "Show as a table". */
import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n";

/** A table with a caption, column headers and rows whose first cell is a row header. */
export function ChartTable({
  caption,
  head,
  rows,
  open,
}: {
  caption: string;
  head: string[];
  rows: Child[][];
  open?: boolean;
}) {
  const { t } = useI18n();
  return (
    <details class="chart-table" open={open}>
      <summary>{t("dashboard.showTable")}</summary>
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([first, ...rest]) => (
              <tr>
                <th scope="row">{first}</th>
                {rest.map((cell) => (
                  <td>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
