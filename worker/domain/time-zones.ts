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
