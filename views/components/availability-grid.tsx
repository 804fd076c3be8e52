/**
 * The weekly availability editor that works without JavaScript: a checkbox per day and time block
 * (worker/domain/onboarding/availability-grid.ts turns the ticked cells into slots), used by onboarding and the profile.
 */
import { blockText, cellValue, TIME_BLOCKS } from "../../worker/domain/onboarding/availability-grid";
import { weekdayInitials, weekdayNames } from "../../worker/domain/i18n/intl";
import { useI18n } from "../i18n";
import { ErrorText } from "./form";

/** Whole hours as a short label: 480 → "08". */
const hours = (minutes: number) => String(minutes / 60).padStart(2, "0");

/**
 * The grid's ticked cells ("day-start" values), the error of the `cell` field, the zone its times are in, and whether
 * to say that saving replaces the profile's times (onboarding, which has no other availability field).
 */
export interface AvailabilityGridProps {
  cells?: ReadonlySet<string>;
  error?: string;
  timeZone: string;
  replacesProfile?: boolean;
}

/** The week as a grid of checkboxes (field `cell`): a row per time block, a column per day, in the person's own zone. */
export function AvailabilityGrid({ cells, error, timeZone, replacesProfile }: AvailabilityGridProps) {
  const ticked = cells ?? new Set<string>();
  const { locale, t } = useI18n();
  const days = weekdayNames(locale, "long");
  const _short = weekdayInitials(locale);
  return (
    <fieldset class={error ? "field invalid" : "field"} aria-describedby={error ? "h-cell e-cell" : "h-cell"}>
      <legend>{t("onboarding.grid.legend")}</legend>
      <p id="h-cell" class="hint">
        {t("onboarding.grid.hint", { zone: timeZone })}
      </p>
      {error ? (
        <p id="e-cell" class="error" role="alert">
          <ErrorText text={error} />
        </p>
      ) : null}
      <table class="week-grid">
        <WeekHead />
        <tbody>
          {TIME_BLOCKS.map((b) => (
            <tr>
              <th scope="row" title={`${t(b.label)}, ${blockText(b)}`}>
                <span dir="ltr">
                  {hours(b.start)}–{hours(b.end)}
                </span>
              </th>
              {days.map((d, day) => (
                <td>
                  <input
                    type="checkbox"
                    name="cell"
                    value={cellValue(day, b)}
                    checked={ticked.has(cellValue(day, b))}
                    aria-label={`${d} ${blockText(b)}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {replacesProfile ? <p class="hint">{t("onboarding.grid.replaces")}</p> : null}
    </fieldset>
  );
}

/** A week table's header row: an empty corner, then each day by its shortest distinct name, its full name as a title. */
export function WeekHead() {
  const { locale } = useI18n();
  const short = weekdayInitials(locale);
  return (
    <thead>
      <tr>
        <td></td>
        {weekdayNames(locale, "long").map((d, i) => (
          <th scope="col">
            <abbr title={d}>{short[i]}</abbr>
          </th>
        ))}
      </tr>
    </thead>
  );
}
