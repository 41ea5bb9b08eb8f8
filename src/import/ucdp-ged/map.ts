import { createHash } from 'node:crypto';
import type { GedEvent, GedSide, TypeOfViolence } from './row.js';

/**
 * How one GED row becomes newsgraph records (docs/import.md explains each choice). Pure: the
 * writer (write.ts) only moves these rows into tables.
 */

export const GED_DATASET = {
  key: 'ucdp-ged',
  name: 'UCDP Georeferenced Event Dataset (GED)',
  licence: 'CC BY 4.0',
  citation:
    'Sundberg, Ralph and Erik Melander (2013). Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4). ' +
    'Davies, Shawn, Therése Pettersson and Magnus Öberg (2023). Organized violence 1989–2022, and the return of conflicts between ' +
    'states. Journal of Peace Research 60(4).',
  url: 'https://ucdp.uu.se/downloads/',
} as const;

/** The GED release a file holds, from GED's own file names (`ged231-csv.csv` → 23.1); null when it does not say. */
export function gedVersionOf(fileName: string): string | null {
  const m = /ged(\d{2})(\d)/i.exec(fileName);
  return m ? `${m[1]}.${m[2]}` : null;
}

const EVENT_KIND: Record<TypeOfViolence, string> = {
  STATE_BASED: 'STATE_BASED_VIOLENCE',
  NON_STATE: 'NON_STATE_VIOLENCE',
  ONE_SIDED: 'ONE_SIDED_VIOLENCE',
};

const VIOLENCE_WORDS: Record<TypeOfViolence, string> = {
  STATE_BASED: 'State-based violence',
  NON_STATE: 'Non-state violence',
  ONE_SIDED: 'One-sided violence',
};

export type DatePrecisionValue = 'DAY' | 'MONTH' | 'YEAR' | 'RANGE';

const lastDayOfMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * GED's earliest/latest days as a newsgraph date: one day is DAY, a whole calendar month MONTH,
 * a whole year YEAR, anything else a RANGE whose end is GED's `date_end`.
 */
export function intervalOf(start: string, end: string): { on: string; precision: DatePrecisionValue; end: string } {
  if (start === end) return { on: start, precision: 'DAY', end };
  if (start.slice(8) === '01' && end === lastDayOfMonth(start)) return { on: start, precision: 'MONTH', end };
  if (start.slice(5) === '01-01' && end === `${start.slice(0, 4)}-12-31`) return { on: start, precision: 'YEAR', end };
  return { on: start, precision: 'RANGE', end };
}

export function actorKey(side: GedSide): string {
  return `ucdp-ged:actor:${side.newId}`;
}

/** GED names no actor kinds: civilians are a group, a side with a state number (or "Government of") a government, the rest armed groups. */
export function actorKindOf(side: GedSide): 'GROUP' | 'GOVERNMENT' | 'MILITIA' {
  if (side.name === 'Civilians') return 'GROUP';
  if (side.states.length > 0 || side.name.startsWith('Government of')) return 'GOVERNMENT';
  return 'MILITIA';
}

/** The parts of the two sides: in one-sided violence the perpetrator and the civilians targeted. */
export function rolesOf(type: TypeOfViolence): { a: string; b: string } {
  return type === 'ONE_SIDED' ? { a: 'PERPETRATOR', b: 'TARGET' } : { a: 'SIDE_A', b: 'SIDE_B' };
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** English name of an ISO code, for countries the dataset adds (the article seed's names win). */
export const countryNameOf = (iso: string): string => displayNames.of(iso) ?? iso;

export interface MappedGedEvent {
  externalId: string;
  hash: string;
  event: {
    title: string;
    summary: string;
    kind: string;
    on: string;
    precision: DatePrecisionValue;
    end: string;
    conflictName: string;
    dyadName: string;
    details: Record<string, unknown>;
  };
  location: {
    name: string;
    countryCode: string;
    latitude: number;
    longitude: number;
    precision: string;
    adm1: string | null;
    adm2: string | null;
  };
  /** One per article of `source_article` (at least one). */
  sources: { outlet: string; title: string; publishedOn: string | null; passage: string }[];
  attribution: string | null;
  casualty: {
    low: number;
    best: number;
    high: number;
    qualifier: 'EXACT' | 'APPROXIMATE';
    wording: string;
    reportedLow: number;
    reportedHigh: number;
    bestOutsideInterval: boolean;
    sideA: number;
    sideB: number;
    civilians: number;
    unknown: number;
  };
  sides: { key: string; name: string; kind: string; countryCode: string | null; role: string }[];
  countries: string[];
}

export function mapGedEvent(e: GedEvent): MappedGedEvent {
  const date = intervalOf(e.dateStart, e.dateEnd);
  const place = e.place.whereDescription ?? e.place.whereCoordinates ?? e.place.country;
  const d = e.deaths;
  const when = date.precision === 'DAY' ? date.on : `${date.on} to ${date.end}`;
  const widened = e.flags.some((f) => f.code === 'BEST_OUTSIDE_INTERVAL');
  const roles = rolesOf(e.typeOfViolence);
  const sides = [
    { side: e.sideA, role: roles.a },
    { side: e.sideB, role: roles.b },
  ].map(({ side, role }) => ({
    key: actorKey(side),
    name: side.name,
    kind: actorKindOf(side),
    countryCode: side.states.length === 1 ? side.states[0]! : null,
    role,
  }));
  const sources =
    e.sources.length > 0
      ? e.sources.map((s) => ({
          // Free-text references ("Reuters, 4/13/1998 …") are kept whole: the outlet is not guessed.
          outlet: s.outlet ?? 'unspecified',
          title: s.headline ?? s.raw,
          publishedOn: s.date,
          passage: s.raw,
        }))
      : [
          {
            outlet: 'UCDP',
            title: `UCDP GED event ${e.relid}`,
            publishedOn: null,
            passage: `UCDP GED event ${e.relid} (no source article named)`,
          },
        ];
  return {
    externalId: String(e.id),
    hash: createHash('sha1').update(JSON.stringify(e)).digest('base64'),
    event: {
      title: `${e.dyad.name}: ${place}`,
      summary:
        `${VIOLENCE_WORDS[e.typeOfViolence]} (${e.conflict.name}) in ${place}, ${e.place.country}, ${when}: ` +
        `best estimate ${d.best} deaths (low ${d.low}, high ${d.high}).`,
      kind: EVENT_KIND[e.typeOfViolence],
      on: date.on,
      precision: date.precision,
      end: date.end,
      conflictName: e.conflict.name,
      dyadName: e.dyad.name,
      details: {
        relid: e.relid,
        year: e.year,
        activeYear: e.activeYear,
        codeStatus: e.codeStatus,
        conflictNewId: e.conflict.newId,
        dyadNewId: e.dyad.newId,
        sideANewId: e.sideA.newId,
        sideBNewId: e.sideB.newId,
        datePrecision: e.datePrecision,
        eventClarity: e.eventClarity,
        numberOfSources: e.numberOfSources,
        sourceOffice: e.sourceOffice,
        sourceDate: e.sourceDate,
        sourceHeadline: e.sourceHeadline,
        whereCoordinates: e.place.whereCoordinates,
        priogridGid: e.place.priogridGid,
        region: e.place.region,
        country: e.place.country,
        countryGw: e.place.countryGw,
        flags: e.flags,
      },
    },
    location: {
      name: place,
      countryCode: e.place.countryIso,
      latitude: e.place.latitude,
      longitude: e.place.longitude,
      precision: e.place.wherePrecision,
      adm1: e.place.adm1,
      adm2: e.place.adm2,
    },
    sources,
    attribution: e.sourceOriginal,
    casualty: {
      low: d.intervalLow,
      best: d.best,
      high: d.intervalHigh,
      qualifier: d.intervalLow === d.intervalHigh ? 'EXACT' : 'APPROXIMATE',
      wording: `best ${d.best} (low ${d.low}, high ${d.high})`,
      reportedLow: d.low,
      reportedHigh: d.high,
      bestOutsideInterval: widened,
      sideA: d.sideA,
      sideB: d.sideB,
      civilians: d.civilians,
      unknown: d.unknown,
    },
    sides,
    countries: [...new Set([e.place.countryIso, ...e.sideA.states, ...e.sideB.states])],
  };
}
