import { isoForCountry, isoForGwList } from './countries.js';

/** The 49 columns of GED's own CSV download (versions 20.1 onwards), in file order. */
export const GED_COLUMNS = [
  'id',
  'relid',
  'year',
  'active_year',
  'code_status',
  'type_of_violence',
  'conflict_dset_id',
  'conflict_new_id',
  'conflict_name',
  'dyad_dset_id',
  'dyad_new_id',
  'dyad_name',
  'side_a_dset_id',
  'side_a_new_id',
  'side_a',
  'side_b_dset_id',
  'side_b_new_id',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'source_original',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'priogrid_gid',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'gwnoa',
  'gwnob',
] as const;
export type GedColumn = (typeof GED_COLUMNS)[number];
export type GedRecord = Readonly<Record<GedColumn, string>>;

export const TYPE_OF_VIOLENCE = { 1: 'STATE_BASED', 2: 'NON_STATE', 3: 'ONE_SIDED' } as const;
export type TypeOfViolence = (typeof TYPE_OF_VIOLENCE)[keyof typeof TYPE_OF_VIOLENCE];

/** `where_prec`, codebook wording: 1 exact location … 7 international waters or airspace. */
export const WHERE_PRECISION = {
  1: 'EXACT',
  2: 'WITHIN_25_KM',
  3: 'ADM2',
  4: 'ADM1',
  5: 'FUZZY_AREA',
  6: 'COUNTRY',
  7: 'INTERNATIONAL',
} as const;
export type WherePrecision = (typeof WHERE_PRECISION)[keyof typeof WHERE_PRECISION];

/** `date_prec`: 1 exact day, 2 within 2–6 days, 3 within a week, 4 within 8–30 days or a month, 5 within a year. */
export const DATE_PRECISION = { 1: 'DAY', 2: 'DAYS_2_TO_6', 3: 'WEEK', 4: 'MONTH', 5: 'YEAR' } as const;
export type DatePrecision = (typeof DATE_PRECISION)[keyof typeof DATE_PRECISION];

export const EVENT_CLARITY = { 1: 'HIGH', 2: 'AGGREGATE' } as const;
export type EventClarity = (typeof EVENT_CLARITY)[keyof typeof EVENT_CLARITY];

export interface GedSide {
  /** GED's stable actor id (`side_a_new_id`), the key for deduplicating actors. */
  newId: number;
  dsetId: string | null;
  name: string;
  /** ISO codes of the states this side is (from `gwnoa`/`gwnob`); empty when it is not a state. */
  states: string[];
}

/** One article out of `source_article`; outlet/date/headline are null where the text does not say. */
export interface GedSource {
  outlet: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  headline: string | null;
  /** The article's text exactly as in the field (without the surrounding quotes). */
  raw: string;
}

export type GedFlagCode = 'BEST_OUTSIDE_INTERVAL' | 'DEATHS_SUM_MISMATCH';
/** A row kept as reported, but whose figures disagree with the codebook's rules. */
export interface GedFlag {
  code: GedFlagCode;
  message: string;
}

export interface GedEvent {
  id: number;
  relid: string;
  year: number;
  activeYear: boolean;
  codeStatus: string | null;
  typeOfViolence: TypeOfViolence;
  conflict: { newId: number; dsetId: string | null; name: string };
  dyad: { newId: number; dsetId: string | null; name: string };
  sideA: GedSide;
  sideB: GedSide;
  /** null for older events, where GED writes -1. */
  numberOfSources: number | null;
  sources: GedSource[];
  sourceArticle: string;
  sourceOffice: string | null;
  sourceDate: string | null;
  sourceHeadline: string | null;
  /** Who the articles credit ("army statement"), kept as written. */
  sourceOriginal: string | null;
  place: {
    wherePrecision: WherePrecision;
    whereCoordinates: string | null;
    whereDescription: string | null;
    adm1: string | null;
    adm2: string | null;
    latitude: number;
    longitude: number;
    priogridGid: number | null;
    country: string;
    countryIso: string;
    countryGw: number;
    region: string | null;
  };
  eventClarity: EventClarity;
  /** Earliest and latest possible day, YYYY-MM-DD. */
  dateStart: string;
  dateEnd: string;
  datePrecision: DatePrecision;
  deaths: {
    sideA: number;
    sideB: number;
    civilians: number;
    unknown: number;
    best: number;
    low: number;
    high: number;
    /**
     * The interval the row means: [min(low, best, high), max(low, best, high)]. Equal to
     * [low, high] unless the row breaks low ≤ best ≤ high; low/high above stay as reported.
     */
    intervalLow: number;
    intervalHigh: number;
  };
  flags: GedFlag[];
}

export interface GedReject {
  /** Physical line of the file where the row starts (1 = header). */
  line: number;
  /** The offending column, or null when the row as a whole is wrong (field count, CSV syntax). */
  column: GedColumn | null;
  reason: string;
}

export type GedRowResult = { ok: true; event: GedEvent } | { ok: false; rejects: GedReject[] };

// Releases up to 23.1 write 1/0, later ones true/false.
const ACTIVE_YEAR = new Map([
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);
const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/;
// GED's CSV writes `1998-04-11 00:00:00.000`; other exports write the bare day.
const GED_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00:00(?:\.0+)?)?$/;
// The structured form used since 2013: "Outlet,YYYY-MM-DD,Headline";"…"
const STRUCTURED_SOURCE = /^(.*?),([0-9]{4}-[0-9]{2}-[0-9]{2}),(.*)$/s;

/** Parses and checks one GED record (object keyed by column); pure, collects every problem of the row. */
export function parseGedRow(record: GedRecord, lineNumber: number): GedRowResult {
  const rejects: GedReject[] = [];
  const fail = (column: GedColumn, reason: string): undefined => {
    rejects.push({ line: lineNumber, column, reason });
    return undefined;
  };
  const text = (column: GedColumn): string => (record[column] ?? '').trim();
  const optional = (column: GedColumn): string | null => (text(column) === '' ? null : text(column));
  const required = (column: GedColumn): string | undefined => {
    const value = text(column);
    return value === '' ? fail(column, 'required value is empty') : value;
  };
  const integer = (column: GedColumn, min: number): number | undefined => {
    const value = required(column);
    if (value === undefined) return undefined;
    if (!INTEGER.test(value) || !Number.isSafeInteger(Number(value))) return fail(column, `not an integer: ${JSON.stringify(value)}`);
    const n = Number(value);
    return n < min ? fail(column, min === 0 ? `negative: ${n}` : `below ${min}: ${n}`) : n;
  };
  const code = <T extends Record<number, string>>(column: GedColumn, table: T): T[keyof T] | undefined => {
    const value = required(column);
    if (value === undefined) return undefined;
    const mapped = INTEGER.test(value) ? table[Number(value)] : undefined;
    const allowed = Object.keys(table).join(', ');
    return mapped === undefined ? fail(column, `must be one of ${allowed}: ${JSON.stringify(value)}`) : (mapped as T[keyof T]);
  };
  const coordinate = (column: GedColumn, limit: number): number | undefined => {
    const value = required(column);
    if (value === undefined) return undefined;
    if (!DECIMAL.test(value)) return fail(column, `not a number: ${JSON.stringify(value)}`);
    const n = Number(value);
    return Math.abs(n) > limit ? fail(column, `out of range -${limit}..${limit}: ${n}`) : n;
  };
  const date = (column: GedColumn): string | undefined => {
    const value = required(column);
    if (value === undefined) return undefined;
    const m = GED_DATE.exec(value);
    if (!m) return fail(column, `not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
      return fail(column, `no such day: ${JSON.stringify(value)}`);
    }
    return `${m[1]}-${m[2]}-${m[3]}`;
  };
  const side = (newIdCol: GedColumn, dsetCol: GedColumn, nameCol: GedColumn, gwCol: GedColumn): GedSide | undefined => {
    const newId = integer(newIdCol, 0);
    const name = required(nameCol);
    const states = isoForGwList(text(gwCol));
    if (!states.ok) fail(gwCol, states.reason);
    if (newId === undefined || name === undefined || !states.ok) return undefined;
    return { newId, dsetId: optional(dsetCol), name, states: states.isos };
  };

  const id = integer('id', 1);
  const relid = required('relid');
  const year = integer('year', 1);
  const activeYearText = text('active_year');
  const activeYear = ACTIVE_YEAR.get(activeYearText);
  if (activeYear === undefined) fail('active_year', `must be 1, 0, true or false: ${JSON.stringify(activeYearText)}`);
  const typeOfViolence = code('type_of_violence', TYPE_OF_VIOLENCE);
  const conflictId = integer('conflict_new_id', 0);
  const conflictName = required('conflict_name');
  const dyadId = integer('dyad_new_id', 0);
  const dyadName = required('dyad_name');
  const sideA = side('side_a_new_id', 'side_a_dset_id', 'side_a', 'gwnoa');
  const sideB = side('side_b_new_id', 'side_b_dset_id', 'side_b', 'gwnob');
  const numberOfSources = integer('number_of_sources', -1);
  const sourceArticle = text('source_article');
  const wherePrecision = code('where_prec', WHERE_PRECISION);
  const latitude = coordinate('latitude', 90);
  const longitude = coordinate('longitude', 180);
  const priogridText = optional('priogrid_gid');
  const priogridGid = priogridText === null ? null : integer('priogrid_gid', 0);
  const countryName = required('country');
  const countryIdText = required('country_id');
  let country: { iso: string; gw: number } | undefined;
  if (countryName !== undefined && countryIdText !== undefined) {
    const mapped = isoForCountry(countryName, countryIdText);
    if (mapped.ok) country = mapped;
    else fail(mapped.field === 'number' ? 'country_id' : 'country', mapped.reason);
  }
  const eventClarity = code('event_clarity', EVENT_CLARITY);
  const datePrecision = code('date_prec', DATE_PRECISION);
  const dateStart = date('date_start');
  const dateEnd = date('date_end');
  if (dateStart !== undefined && dateEnd !== undefined && dateEnd < dateStart) {
    fail('date_end', `ends before it starts: ${dateEnd} < ${dateStart}`);
  }
  const deathsA = integer('deaths_a', 0);
  const deathsB = integer('deaths_b', 0);
  const civilians = integer('deaths_civilians', 0);
  const unknown = integer('deaths_unknown', 0);
  const best = integer('best', 0);
  const low = integer('low', 0);
  const high = integer('high', 0);

  if (
    rejects.length > 0 ||
    id === undefined ||
    relid === undefined ||
    year === undefined ||
    activeYear === undefined ||
    typeOfViolence === undefined ||
    conflictId === undefined ||
    conflictName === undefined ||
    dyadId === undefined ||
    dyadName === undefined ||
    sideA === undefined ||
    sideB === undefined ||
    numberOfSources === undefined ||
    wherePrecision === undefined ||
    latitude === undefined ||
    longitude === undefined ||
    priogridGid === undefined ||
    countryName === undefined ||
    country === undefined ||
    eventClarity === undefined ||
    datePrecision === undefined ||
    dateStart === undefined ||
    dateEnd === undefined ||
    deathsA === undefined ||
    deathsB === undefined ||
    civilians === undefined ||
    unknown === undefined ||
    best === undefined ||
    low === undefined ||
    high === undefined
  ) {
    return { ok: false, rejects };
  }

  const flags: GedFlag[] = [];
  if (!(low <= best && best <= high)) {
    flags.push({
      code: 'BEST_OUTSIDE_INTERVAL',
      message:
        `low ${low}, best ${best}, high ${high} break low ≤ best ≤ high; read as the interval ` +
        `${Math.min(low, best, high)}–${Math.max(low, best, high)}, values kept as reported`,
    });
  }
  const sum = deathsA + deathsB + civilians + unknown;
  if (sum !== best) {
    flags.push({
      code: 'DEATHS_SUM_MISMATCH',
      message: `deaths_a + deaths_b + deaths_civilians + deaths_unknown = ${sum}, but best is ${best}; best is kept for totals`,
    });
  }

  return {
    ok: true,
    event: {
      id,
      relid,
      year,
      activeYear,
      codeStatus: optional('code_status'),
      typeOfViolence,
      conflict: { newId: conflictId, dsetId: optional('conflict_dset_id'), name: conflictName },
      dyad: { newId: dyadId, dsetId: optional('dyad_dset_id'), name: dyadName },
      sideA,
      sideB,
      numberOfSources: numberOfSources < 0 ? null : numberOfSources,
      sources: splitSourceArticle(sourceArticle),
      sourceArticle,
      sourceOffice: optional('source_office'),
      sourceDate: optional('source_date'),
      sourceHeadline: optional('source_headline'),
      sourceOriginal: optional('source_original'),
      place: {
        wherePrecision,
        whereCoordinates: optional('where_coordinates'),
        whereDescription: optional('where_description'),
        adm1: optional('adm_1'),
        adm2: optional('adm_2'),
        latitude,
        longitude,
        priogridGid,
        country: countryName,
        countryIso: country.iso,
        countryGw: country.gw,
        region: optional('region'),
      },
      eventClarity,
      dateStart,
      dateEnd,
      datePrecision,
      deaths: {
        sideA: deathsA,
        sideB: deathsB,
        civilians,
        unknown,
        best,
        low,
        high,
        intervalLow: Math.min(low, best, high),
        intervalHigh: Math.max(low, best, high),
      },
      flags,
    },
  };
}

/**
 * Splits `source_article` into articles. The structured form (`"Outlet,YYYY-MM-DD,Headline";"…"`,
 * coded since 2013) gives outlet, date and headline; older free text ("Reuters, 4/13/1998 …") is
 * kept whole as one source with only its raw text, since guessing its parts would invent data.
 */
export function splitSourceArticle(field: string): GedSource[] {
  const value = field.trim();
  if (value === '') return [];
  if (!(value.startsWith('"') && value.endsWith('"') && value.length >= 2)) {
    return [{ outlet: null, date: null, headline: null, raw: value }];
  }
  // Headlines may contain quotes themselves, so split only on the `";"` separator.
  return value
    .slice(1, -1)
    .split(/"\s*;\s*"/)
    .map((raw) => {
      const m = STRUCTURED_SOURCE.exec(raw);
      if (!m || !isRealDay(m[2]!)) return { outlet: null, date: null, headline: null, raw };
      const outlet = m[1]!.trim();
      const headline = m[3]!.trim();
      return { outlet: outlet === '' ? null : outlet, date: m[2]!, headline: headline === '' ? null : headline, raw };
    });
}

function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
