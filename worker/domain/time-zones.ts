/**
 * The IANA time zones people can choose: whatever this runtime's Intl knows, plus "UTC".
 *
 * workerd's ICU lists some zones under CLDR's old identifiers ("Asia/Calcutta", "Europe/Kiev"); people know them by
 * their current IANA names, and ECMA-402 is moving to those too. The list offers the current names, and old ones sent
 * in are read as their current name. Both spellings name the same zone, so conversions are unaffected.
 */

const CURRENT_NAME: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

let zones: readonly string[] | null = null;
let zoneSet: ReadonlySet<string> | null = null;

/** The current IANA name for an old CLDR identifier; other names are returned unchanged. */
export function currentZoneName(name: string): string {
  return Object.hasOwn(CURRENT_NAME, name) ? CURRENT_NAME[name]! : name;
}

/** All selectable zone names, sorted, "UTC" included. */
export function timeZones(): readonly string[] {
  zones ??= [...new Set([...Intl.supportedValuesOf("timeZone").map(currentZoneName), "UTC"])].sort();
  return zones;
}

/** True when `name` is exactly one of the selectable zones (current IANA spelling). */
export function isKnownTimeZone(name: string): boolean {
  zoneSet ??= new Set(timeZones());
  return zoneSet.has(name);
}

/** A region of the zone picker: its name and its zones with the place people look for. */
export interface ZoneRegion {
  /** The first part of the zone names, e.g. "Europe"; it is also the picker's `region` query value. */
  id: string;
  label: string;
  zones: { id: string; place: string }[];
}

const REGION_LABELS: Readonly<Record<string, string>> = {
  Africa: "Africa",
  America: "Americas",
  Antarctica: "Antarctica",
  Arctic: "Arctic",
  Asia: "Asia",
  Atlantic: "Atlantic Ocean",
  Australia: "Australia",
  Europe: "Europe",
  Indian: "Indian Ocean",
  Pacific: "Pacific",
};

let regions: readonly ZoneRegion[] | null = null;

/**
 * The selectable zones grouped by region for a picker, each named by its place ("Argentina – Buenos Aires"), sorted by
 * place. "UTC" is left out: it is the unset default (see domain/onboarding/completeness.ts).
 */
export function zonesByRegion(): readonly ZoneRegion[] {
  regions ??= Object.keys(REGION_LABELS).map((id) => ({
    id,
    label: REGION_LABELS[id]!,
    zones: timeZones()
      .filter((z) => z.startsWith(`${id}/`))
      .map((z) => ({
        id: z,
        place: z
          .slice(id.length + 1)
          .replaceAll("_", " ")
          .replaceAll("/", " – "),
      }))
      .sort((a, b) => a.place.localeCompare(b.place)),
  }));
  return regions;
}
