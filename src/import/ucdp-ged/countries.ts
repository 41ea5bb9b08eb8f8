/**
 * GED names countries the UCDP way (current name, former name in brackets) and numbers them with
 * Gleditsch–Ward (GW) codes; newsgraph stores ISO 3166-1 alpha-2. Both tables below are literal and
 * cover every name and number in seeds/ucdp-ged/ged231-global-sample.csv: anything else is
 * rejected, never guessed. GED's `country` is the state the event is attributed to (its territory
 * at the time, e.g. 1991 Vukovar is coded `Serbia (Yugoslavia)`), so the ISO code is that state's
 * present-day successor code, not a reverse geocode of the coordinates.
 */

/** Present-day ISO 3166-1 alpha-2 code for each Gleditsch–Ward number seen in the sample. */
export const GW_TO_ISO: Readonly<Record<number, string>> = Object.freeze({
  2: 'US', // United States (only as a side, gwnoa)
  41: 'HT', // Haiti
  70: 'MX', // Mexico
  100: 'CO', // Colombia
  101: 'VE', // Venezuela
  135: 'PE', // Peru
  140: 'BR', // Brazil
  200: 'GB', // United Kingdom
  343: 'MK', // North Macedonia (GED: "Macedonia, FYR")
  345: 'RS', // Serbia; GW 345 is Yugoslavia/Serbia, and ISO's YU is withdrawn
  346: 'BA', // Bosnia and Herzegovina
  365: 'RU', // Russia; GW 365 is Russia/Soviet Union, and ISO's SU is withdrawn
  369: 'UA', // Ukraine
  373: 'AZ', // Azerbaijan
  432: 'ML', // Mali
  436: 'NE', // Niger
  437: 'CI', // Côte d'Ivoire
  439: 'BF', // Burkina Faso
  450: 'LR', // Liberia
  451: 'SL', // Sierra Leone
  471: 'CM', // Cameroon
  475: 'NG', // Nigeria
  482: 'CF', // Central African Republic
  483: 'TD', // Chad
  490: 'CD', // Democratic Republic of the Congo
  500: 'UG', // Uganda
  501: 'KE', // Kenya
  516: 'BI', // Burundi
  517: 'RW', // Rwanda
  520: 'SO', // Somalia
  530: 'ET', // Ethiopia
  531: 'ER', // Eritrea (only as a side, gwnoa)
  540: 'AO', // Angola
  541: 'MZ', // Mozambique
  560: 'ZA', // South Africa
  572: 'SZ', // Eswatini
  581: 'KM', // Comoros
  615: 'DZ', // Algeria
  620: 'LY', // Libya
  625: 'SD', // Sudan
  626: 'SS', // South Sudan
  630: 'IR', // Iran
  640: 'TR', // Türkiye
  645: 'IQ', // Iraq
  651: 'EG', // Egypt
  652: 'SY', // Syria
  660: 'LB', // Lebanon
  666: 'IL', // Israel (GED codes West Bank and Gaza events under Israel too)
  678: 'YE', // Yemen; GW 678 is (North) Yemen, continued by unified Yemen
  700: 'AF', // Afghanistan
  702: 'TJ', // Tajikistan
  703: 'KG', // Kyrgyzstan
  750: 'IN', // India
  770: 'PK', // Pakistan
  775: 'MM', // Myanmar
  780: 'LK', // Sri Lanka
  790: 'NP', // Nepal
  800: 'TH', // Thailand
  811: 'KH', // Cambodia
  840: 'PH', // Philippines
  850: 'ID', // Indonesia
});

/** GW number for each UCDP country name seen in the sample, spelled exactly as GED spells it. */
export const UCDP_NAME_TO_GW: Readonly<Record<string, number>> = Object.freeze({
  Afghanistan: 700,
  Algeria: 615,
  Angola: 540,
  Azerbaijan: 373,
  'Bosnia-Herzegovina': 346,
  Brazil: 140,
  'Burkina Faso': 439,
  Burundi: 516,
  'Cambodia (Kampuchea)': 811,
  Cameroon: 471,
  'Central African Republic': 482,
  Chad: 483,
  Colombia: 100,
  Comoros: 581,
  'DR Congo (Zaire)': 490,
  Egypt: 651,
  Ethiopia: 530,
  Haiti: 41,
  India: 750,
  Indonesia: 850,
  Iran: 630,
  Iraq: 645,
  Israel: 666,
  'Ivory Coast': 437,
  Kenya: 501,
  'Kingdom of eSwatini (Swaziland)': 572,
  Kyrgyzstan: 703,
  Lebanon: 660,
  Liberia: 450,
  Libya: 620,
  'Macedonia, FYR': 343,
  Mali: 432,
  Mexico: 70,
  Mozambique: 541,
  'Myanmar (Burma)': 775,
  Nepal: 790,
  Niger: 436,
  Nigeria: 475,
  Pakistan: 770,
  Peru: 135,
  Philippines: 840,
  'Russia (Soviet Union)': 365,
  Rwanda: 517,
  'Serbia (Yugoslavia)': 345,
  'Sierra Leone': 451,
  Somalia: 520,
  'South Africa': 560,
  'South Sudan': 626,
  'Sri Lanka': 780,
  Sudan: 625,
  Syria: 652,
  Tajikistan: 702,
  Thailand: 800,
  Turkey: 640,
  Uganda: 500,
  Ukraine: 369,
  'United Kingdom': 200,
  Venezuela: 101,
  'Yemen (North Yemen)': 678,
});

/** On failure, `field` says which input is at fault: the GW number, or the name (unknown, or not that number's). */
export type CountryResult = { ok: true; iso: string; gw: number } | { ok: false; field: 'number' | 'name'; reason: string };

const GW_PATTERN = /^[0-9]{1,4}$/;

/** ISO code for one GW number given as text, or why it cannot be mapped. */
export function isoForGw(raw: string): CountryResult {
  const text = raw.trim();
  if (!GW_PATTERN.test(text)) return { ok: false, field: 'number', reason: `not a Gleditsch–Ward number: ${JSON.stringify(raw)}` };
  const gw = Number(text);
  const iso = GW_TO_ISO[gw];
  return iso ? { ok: true, iso, gw } : { ok: false, field: 'number', reason: `unknown Gleditsch–Ward number ${gw}` };
}

/** ISO code for a GED `country` name and its `country_id`; both must be known and agree. */
export function isoForCountry(name: string, countryId: string): CountryResult {
  const byNumber = isoForGw(countryId);
  if (!byNumber.ok) return byNumber;
  if (!Object.hasOwn(UCDP_NAME_TO_GW, name)) {
    return { ok: false, field: 'name', reason: `unknown UCDP country name ${JSON.stringify(name)}` };
  }
  const gw = UCDP_NAME_TO_GW[name]!;
  if (gw !== byNumber.gw) {
    const reason = `country ${JSON.stringify(name)} is Gleditsch–Ward ${gw}, but country_id is ${byNumber.gw}`;
    return { ok: false, field: 'name', reason };
  }
  return byNumber;
}

/**
 * ISO codes for `gwnoa`/`gwnob`: empty when the side is not a state; GED writes several states
 * (an alliance) as a comma-separated list.
 */
export function isoForGwList(raw: string): { ok: true; isos: string[] } | { ok: false; reason: string } {
  if (raw.trim() === '') return { ok: true, isos: [] };
  const isos: string[] = [];
  for (const part of raw.split(',')) {
    const one = isoForGw(part);
    if (!one.ok) return one;
    isos.push(one.iso);
  }
  return { ok: true, isos };
}
