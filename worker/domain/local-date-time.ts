/**
 * A wall-clock date and time with no zone (ISO calendar, to the minute), as people type and read them: "2026-03-29T18:00".
 * Held as local milliseconds (the epoch milliseconds of the same reading in UTC), so arithmetic on it is `Date.UTC`
 * arithmetic and never meets a clock change; `zone-rules.ts` turns it into an instant in a zone.
 */
import { type Disambiguation, toEpochMs, toLocalMs } from "./zone-rules";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A wall-clock date and time (no zone), to the minute. */
export class LocalDateTime {
  private readonly d: Date;
  private constructor(readonly localMs: number) {
    this.d = new Date(localMs);
  }

  /** The date and time from its parts, or null when they are not a real one (31 June, 24:00, …). */
  static of(year: number, month: number, day: number, hour = 0, minute = 0): LocalDateTime | null {
    if (![year, month, day, hour, minute].every(Number.isInteger)) return null;
    if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
    const ms = Date.UTC(year, month - 1, day, hour, minute);
    const t = new LocalDateTime(ms);
    return t.day === day && t.year === year ? t : null;
  }

  /** Parses "YYYY-MM-DDTHH:MM", or null when it is not a real date and time. */
  static parse(text: string): LocalDateTime | null {
    const m = LOCAL.exec(text);
    return m ? LocalDateTime.of(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!) : null;
  }

  /** Midnight at the start of "YYYY-MM-DD", or null when it is not a real date. */
  static fromDate(text: string): LocalDateTime | null {
    const m = DATE.exec(text);
    return m ? LocalDateTime.of(+m[1]!, +m[2]!, +m[3]!) : null;
  }

  /** The wall-clock reading of local milliseconds (seconds dropped). */
  static fromLocalMs(localMs: number): LocalDateTime {
    return new LocalDateTime(Math.floor(localMs / 60_000) * 60_000);
  }

  /** What a clock in `zone` shows at an instant. */
  static at(epochMs: number, zone: string): LocalDateTime {
    return LocalDateTime.fromLocalMs(toLocalMs(zone, epochMs));
  }

  /** The year, e.g. 2026. */
  get year(): number {
    return this.d.getUTCFullYear();
  }
  /** The month, 1-12. */
  get month(): number {
    return this.d.getUTCMonth() + 1;
  }
  /** The day of the month, 1-31. */
  get day(): number {
    return this.d.getUTCDate();
  }
  /** The hour, 0-23. */
  get hour(): number {
    return this.d.getUTCHours();
  }
  /** The minute, 0-59. */
  get minute(): number {
    return this.d.getUTCMinutes();
  }
  /** The ISO day of the week: 1 = Monday … 7 = Sunday. */
  get dayOfWeek(): number {
    return ((this.d.getUTCDay() + 6) % 7) + 1;
  }
  /** Minutes after midnight, 0-1439. */
  get minuteOfDay(): number {
    return this.hour * 60 + this.minute;
  }
  /** The date, "YYYY-MM-DD". */
  get date(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  /** The time of day, "HH:MM". */
  get time(): string {
    return `${pad(this.hour)}:${pad(this.minute)}`;
  }

  /**
   * Later (or, with negative amounts, earlier) by whole months, weeks, days and minutes, in that order; adding months
   * keeps the day, or takes the month's last day when it is shorter (31 January + 1 month = 28 February).
   */
  add({
    months = 0,
    weeks = 0,
    days = 0,
    minutes = 0,
  }: {
    months?: number;
    weeks?: number;
    days?: number;
    minutes?: number;
  }): LocalDateTime {
    let ms = this.localMs;
    if (months) {
      const index = this.year * 12 + this.month - 1 + months;
      const year = Math.floor(index / 12);
      const month = index - year * 12;
      const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      ms = Date.UTC(year, month, Math.min(this.day, last), this.hour, this.minute);
    }
    return new LocalDateTime(ms + (weeks * 7 + days) * 86_400_000 + minutes * 60_000);
  }

  /** Midnight at the start of this day. */
  startOfDay(): LocalDateTime {
    return new LocalDateTime(Date.UTC(this.year, this.month - 1, this.day));
  }

  /** The same day at `minutes` after midnight. */
  withMinuteOfDay(minutes: number): LocalDateTime {
    return this.startOfDay().add({ minutes });
  }

  /** The instant this time means in `zone` (skipped and repeated times resolved as `disambiguation` says). */
  toEpochMs(zone: string, disambiguation: Disambiguation = "compatible"): number {
    return toEpochMs(zone, this.localMs, disambiguation);
  }

  /** "YYYY-MM-DDTHH:MM". */
  toString(): string {
    return `${this.date}T${this.time}`;
  }
}

/** A date "YYYY-MM-DD" moved by whole days. */
export function addDays(date: string, days: number): string {
  return LocalDateTime.fromDate(date)!.add({ days }).date;
}
