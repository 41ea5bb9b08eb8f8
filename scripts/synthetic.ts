/**
 * Deterministic synthetic data at realistic volumes, for load tests and the benchmark.
 *
 *   npm run data:synthetic -- --casualties 1000000 [--seed 1] [--reset] [--events N] ...
 *
 * Every row is computed inside Postgres from `generate_series` and `hashint8extended(i, seed)`
 * (INSERT … SELECT in chunks), so nothing is shipped row by row and the same flags always give
 * the same rows. Ids are assigned explicitly above the current maximum of each table, which
 * lets foreign keys be computed arithmetically and keeps synthetic rows clear of the seed
 * dataset (synthetic rows have `key` NULL; seed rows are found by key). Only PG 15 features.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { refreshFanout } from '../src/graphql/fanout.js';
import { reactionStance } from '../src/db/schema/enums.js';

export interface SyntheticOptions {
  seed: number;
  casualties: number;
  events: number;
  actors: number;
  quotes: number;
  reactions: number;
  deployments: number;
  locations: number;
  sources: number;
  citations: number;
  eventLinks: number;
  /** Rows per INSERT statement. */
  chunkSize: number;
}

/** Defaults scale with the casualty count: 1M casualties → 100k events, 10k actors, 200k quotes… */
export function syntheticDefaults(casualties: number, seed = 1): SyntheticOptions {
  const scaled = (divisor: number, minimum: number) => Math.max(minimum, Math.round(casualties / divisor));
  return {
    seed,
    casualties,
    events: scaled(10, 10),
    actors: scaled(100, 12),
    quotes: scaled(5, 10),
    reactions: scaled(10, 10),
    deployments: scaled(20, 4),
    locations: scaled(200, 6),
    sources: scaled(100, 6),
    citations: scaled(5, 20),
    eventLinks: scaled(100, 2),
    chunkSize: 100_000,
  };
}

/** Region codes ICU knows that are not ISO 3166-1 assignments (reserved or user-assigned). */
const NOT_ISO_3166 = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ']);

/**
 * ISO 3166-1 alpha-2 countries with English names, from the ICU data in Node (Intl):
 * every A–Z pair ICU can name, minus deprecated aliases (BU → MM) and non-ISO codes.
 */
export function isoCountries(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const result: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (!name || NOT_ISO_3166.has(code)) continue;
      const canonical = new Intl.Locale(Intl.getCanonicalLocales(`und-${code}`)[0] ?? 'und').region;
      if (canonical === code) result.push({ code, name });
    }
  }
  return result;
}

/** A small seeded PRNG (mulberry32) for the one thing done in JS: shuffling the country list. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `ARRAY[${values.map(quote).join(',')}]::text[]`;

/**
 * SQL expressions of deterministic pseudo-random values. `i` is a SQL expression (usually the
 * generate_series value); each `salt` names one independent stream per seed.
 */
class Random {
  constructor(private readonly seed: number) {}

  /** Uniform in [0, 1): 52 bits of hashint8extended (stable across Postgres versions). */
  uniform(salt: number, i: string): string {
    return `((hashint8extended((${i})::bigint, ${this.seed * 100_000 + salt}) & 4503599627370495)::float8 / 4503599627370496.0)`;
  }

  /** Integer in [0, n). */
  below(salt: number, i: string, n: number | string): string {
    return `floor(${this.uniform(salt, i)} * (${n}))::int`;
  }

  /**
   * Zipf-ish integer in [0, n): a power of a uniform piles mass on small values (with power 3
   * the first 1% of values draw ~22% of picks); scattered over [0, n) by multiplying with a
   * prime (2654435761) so that the popular values are not simply the lowest ids.
   */
  skewed(salt: number, i: string, n: number, power = 3): string {
    return `((floor(power(${this.uniform(salt, i)}, ${power}) * ${n})::bigint * 2654435761) % ${n})::int`;
  }

  /** One element of a text array. */
  pick(salt: number, i: string, values: readonly string[]): string {
    return `(${textArray(values)})[1 + ${this.below(salt, i, values.length)}]`;
  }

  /** One element of an array by cumulative weights, e.g. [['KILLED', 0.6], ['INJURED', 0.4]]. */
  weighted(salt: number, i: string, choices: readonly (readonly [string, number])[]): string {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let cumulative = 0;
    const u = this.uniform(salt, i);
    const branches = choices.slice(0, -1).map(([value, weight]) => {
      cumulative += weight / total;
      return `WHEN ${u} < ${cumulative} THEN ${quote(value)}`;
    });
    return `(CASE ${branches.join(' ')} ELSE ${quote(choices.at(-1)![0])} END)`;
  }
}

// Vocabulary for names and text; realistic enough to read, small enough to inline in SQL.
const FIRST_NAMES = [
  'Ali',
  'Hassan',
  'Mohammed',
  'Ahmad',
  'Omar',
  'Yusuf',
  'Ibrahim',
  'Khalid',
  'Mahmoud',
  'Hussein',
  'Fatima',
  'Layla',
  'Maryam',
  'Zainab',
  'Amina',
  'Nour',
  'John',
  'Michael',
  'David',
  'James',
  'Robert',
  'Mark',
  'Nancy',
  'Elizabeth',
  'Sarah',
  'Anna',
  'Dmitri',
  'Sergei',
  'Olga',
  'Ivan',
  'Jean',
  'Pierre',
  'Marie',
  'Hans',
  'Klaus',
  'Ingrid',
  'Li',
  'Wei',
  'Chen',
  'Hiroshi',
  'Kenji',
  'Ravi',
  'Priya',
  'Arjun',
  'Carlos',
  'Maria',
  'Jose',
  'Lucia',
  'Kwame',
  'Amara',
  'Tariq',
  'Reza',
  'Javad',
  'Qasem',
  'Abu',
  'Nasser',
  'Samir',
  'Rania',
  'Yara',
  'Emre',
];
const LAST_NAMES = [
  'Al-Amiri',
  'Haddad',
  'Khalil',
  'Nasser',
  'Rahimi',
  'Hosseini',
  'Karimi',
  'Mousavi',
  'Sadr',
  'Jaber',
  'Saleh',
  'Mansour',
  'Farouk',
  'Aziz',
  'Abbas',
  'Darwish',
  'Smith',
  'Johnson',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Ivanov',
  'Petrov',
  'Smirnov',
  'Volkov',
  'Dubois',
  'Laurent',
  'Moreau',
  'Schmidt',
  'Weber',
  'Fischer',
  'Wang',
  'Zhang',
  'Liu',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Sharma',
  'Patel',
  'Singh',
  'Garcia',
  'Rodriguez',
  'Lopez',
  'Mensah',
  'Okafor',
  'Diallo',
  'Yilmaz',
  'Demir',
  'Kaya',
  'Cohen',
  'Levi',
  'Mizrahi',
  'Rostami',
  'Zarif',
  'Soleimani',
];
const PERSON_TITLES = [
  'President',
  'Prime Minister',
  'Foreign Minister',
  'Defense Minister',
  'Interior Minister',
  'Army Chief of Staff',
  'General',
  'Commander',
  'Spokesperson',
  'Ambassador',
  'Senator',
  'Member of Parliament',
  'Governor',
  'Mayor',
  'Cleric',
  'Journalist',
  'Analyst',
  'Militia Leader',
];
const MILITARY_BRANCHES = [
  'Armed Forces',
  'Army',
  'Air Force',
  'Navy',
  'Special Forces',
  'Border Guard',
  'National Guard',
  'Revolutionary Guard',
];
const MILITIA_WORDS = [
  'Martyrs',
  'Liberation',
  'Victory',
  'Righteous',
  'Free',
  'Popular',
  'Resistance',
  'Dawn',
  'Lions',
  'Sword',
  'Shield',
  'Faithful',
];
const MILITIA_UNITS = ['Brigade', 'Front', 'Movement', 'Battalion', 'Legion', 'Army', 'Forces', 'Mobilization Units'];
const ORGANIZATIONS = [
  'Red Crescent Society',
  'Human Rights Watch Office',
  'Refugee Council',
  'Health Ministry',
  'Civil Defence',
  'Election Commission',
  'Chamber of Commerce',
  'Bar Association',
  'Students Union',
  'Workers Federation',
];
const OUTLETS = [
  'Associated Press',
  'Reuters',
  'Agence France-Presse',
  'BBC News',
  'Al Jazeera',
  'The New York Times',
  'The Washington Post',
  'CNN',
  'The Guardian',
  'Le Monde',
  'Der Spiegel',
  'TIME',
  'NPR',
  'Al-Monitor',
  'The Times of Israel',
  'Haaretz',
  'Tasnim',
  'Press TV',
  'Rudaw',
  'Kurdistan 24',
  'Al Arabiya',
  'Deutsche Welle',
  'France 24',
  'The Wall Street Journal',
  'Bloomberg',
  'Financial Times',
  'The Economist',
  'NHK World',
  'Xinhua',
  'TASS',
  'Anadolu Agency',
  'ABC News',
];
const OUTLET_DOMAINS = [
  'apnews.com',
  'reuters.com',
  'afp.com',
  'bbc.co.uk',
  'aljazeera.com',
  'nytimes.com',
  'washingtonpost.com',
  'cnn.com',
  'theguardian.com',
  'lemonde.fr',
  'spiegel.de',
  'time.com',
  'npr.org',
  'al-monitor.com',
  'timesofisrael.com',
  'haaretz.com',
  'tasnimnews.com',
  'presstv.ir',
  'rudaw.net',
  'kurdistan24.net',
  'alarabiya.net',
  'dw.com',
  'france24.com',
  'wsj.com',
  'bloomberg.com',
  'ft.com',
  'economist.com',
  'nhk.or.jp',
  'xinhuanet.com',
  'tass.com',
  'aa.com.tr',
  'abcnews.go.com',
];
const PLACE_PREFIXES = [
  'Al',
  'Tell',
  'Ain',
  'Kafr',
  'Deir',
  'Bir',
  'Ras',
  'Jabal',
  'Wadi',
  'Qasr',
  'Nahr',
  'Tal',
  'Beit',
  'Khan',
  'Bab',
  'Port',
  'Fort',
  'New',
  'Upper',
  'Lower',
];
const PLACE_ROOTS = [
  'Karim',
  'Zahra',
  'Nour',
  'Salam',
  'Hamra',
  'Sabah',
  'Rashid',
  'Qadir',
  'Jadid',
  'Kabir',
  'Saghir',
  'Maliki',
  'Hadid',
  'Amal',
  'Bayda',
  'Khadra',
  'Marj',
  'Sharq',
  'Gharb',
  'Wusta',
  'Asad',
  'Fajr',
  'Ghazal',
  'Hilal',
  'Jisr',
  'Kharab',
  'Luban',
  'Minar',
];
const PLACE_KINDS = [
  '',
  '',
  '',
  ' district',
  ' air base',
  ' military compound',
  ' refinery',
  ' checkpoint',
  ' market',
  ' camp',
  ' airport',
  ' border crossing',
];
const EVENT_KINDS: readonly (readonly [string, number])[] = [
  ['ATTACK', 18],
  ['AIRSTRIKE', 16],
  ['ROCKET_ATTACK', 12],
  ['PROTEST', 12],
  ['DIPLOMACY', 8],
  ['TARGETED_KILLING', 5],
  ['DEPLOYMENT', 6],
  ['SANCTIONS', 5],
  ['POLICY', 6],
  ['MOURNING', 4],
  ['SHOOTDOWN', 2],
  ['EMBASSY_BREACH', 1],
  ['RESIGNATION', 2],
];
/** Headline openings per event kind (the place name follows). */
const HEADLINES_BY_KIND: Record<string, readonly string[]> = {
  ATTACK: ['Gunmen attack', 'Convoy attacked near', 'Explosion reported in', 'Ceasefire violated near'],
  AIRSTRIKE: ['Airstrike hits', 'Warplanes strike', 'Drone strike reported in'],
  ROCKET_ATTACK: ['Rockets land near', 'Rocket barrage targets', 'Mortar and rocket fire hits'],
  PROTEST: ['Protesters gather in', 'Thousands march in', 'Demonstrators clash with police in'],
  DIPLOMACY: ['Talks held over', 'Envoys meet to discuss', 'Foreign ministers visit'],
  TARGETED_KILLING: ['Commander killed in', 'Senior official assassinated in'],
  DEPLOYMENT: ['Troops arrive in', 'Reinforcements sent to'],
  SANCTIONS: ['Sanctions announced after unrest in', 'New sanctions target firms in'],
  POLICY: ['Curfew imposed in', 'Emergency law declared in', 'Travel ban covers'],
  MOURNING: ['Funeral held in', 'Mourners gather in'],
  SHOOTDOWN: ['Drone downed over', 'Aircraft shot down near'],
  EMBASSY_BREACH: ['Embassy stormed in'],
  RESIGNATION: ['Governor resigns after unrest in', 'Minister quits over violence in'],
};
const EVENT_HEADLINES = [
  'Clashes reported',
  'Strike hits',
  'Rockets land near',
  'Protesters gather in',
  'Talks held over',
  'Convoy attacked near',
  'Officials condemn violence in',
  'Drone downed over',
  'Funeral held in',
  'Curfew imposed in',
  'Explosion reported in',
  'Troops arrive in',
  'Sanctions announced after unrest in',
  'Ceasefire violated near',
];
// Every stance the schema knows, in its order (the generated data depends on the order).
const STANCES = reactionStance.enumValues;
const REACTION_VERBS = [
  'condemned',
  'welcomed',
  'warned of retaliation for',
  'called for restraint after',
  'mourned the victims of',
  'defended',
  'denied involvement in',
  'blamed rivals for',
  'demanded an inquiry into',
];
const MEDIA = [
  'STATEMENT',
  'WRITTEN_STATEMENT',
  'TWITTER',
  'INTERVIEW',
  'TELEVISION',
  'REMARKS_TO_REPORTERS',
  'CABINET_MEETING',
  'PROTEST_CHANT',
  'REPORTING',
  'UNKNOWN',
];
const QUOTE_OPENINGS = [
  'We will not tolerate',
  'The world must respond to',
  'There will be consequences for',
  'We call on all sides to end',
  'Our thoughts are with the families after',
  'This is a grave escalation:',
  'We reject any responsibility for',
  'History will judge',
  'We have no interest in',
  'The people will not forget',
  'We urge calm after',
  'Nobody wins from',
];
const QUOTE_SUBJECTS = [
  'this attack',
  'the bombing',
  'the violence',
  'the killing of civilians',
  'further escalation',
  'the strikes',
  'the occupation',
  'foreign interference',
  'the siege',
  'the blockade',
  'these provocations',
  'the loss of innocent life',
];
const VICTIMS = [
  'civilians',
  'soldiers',
  'militia fighters',
  'police officers',
  'protesters',
  'children',
  'aid workers',
  'journalists',
  'security contractors',
  'border guards',
  'villagers',
  'members of a wedding party',
  'government officials',
  'pilgrims',
];
const UNKNOWN_WORDINGS = ['several', 'dozens of', 'an unknown number of', 'many', 'scores of'];
const TROOPS = ['troops', 'marines', 'paratroopers', 'special forces', 'soldiers', 'military advisers', 'air defence crews'];
const ROLES_AFTER_FIRST_TWO = ['PARTICIPANT', 'AUTHORIZER', 'BLAMED', 'VICTIM', 'WITNESS'];

/** Independent random streams; a new column takes a new salt so old columns do not change. */
enum Salt {
  SourceOutlet = 1,
  SourceDay,
  SourceAuthors,
  SourceAuthorA,
  SourceAuthorB,
  SourceHeadline,
  ActorKind = 10,
  ActorCountry,
  ActorHasCountry,
  ActorFirst,
  ActorLast,
  ActorTitle,
  ActorBranch,
  ActorWord,
  ActorUnit,
  ActorOrg,
  ActorParent,
  ActorHasParent,
  ActorAliases,
  ActorMisspell,
  CitationSource = 30,
  CitationAttributed,
  CitationActor,
  CitationPassage,
  LocationCountry = 40,
  LocationPrefix,
  LocationRoot,
  LocationKind,
  LocationHasCoordinates,
  LocationLatitude,
  LocationLongitude,
  EventKind = 50,
  EventDay,
  EventPrecision,
  EventLocation,
  EventHasLocation,
  EventHeadline,
  EventCitation,
  LinkFrom = 60,
  LinkTo,
  LinkKind,
  LinkCitation,
  ParticipantCount = 70,
  ParticipantFirst,
  ParticipantRole,
  ParticipantCitation,
  ReactionEvent = 80,
  ReactionActor,
  ReactionStance,
  ReactionVerb,
  ReactionDelay,
  ReactionCitation,
  DeploymentPaired = 90,
  DeploymentQualifier,
  DeploymentSize,
  DeploymentBounded,
  DeploymentForce,
  DeploymentOrdered,
  DeploymentHasOrder,
  DeploymentLocation,
  DeploymentHasLocation,
  DeploymentCountry,
  DeploymentHasCountry,
  DeploymentEvent,
  DeploymentHasEvent,
  DeploymentDay,
  DeploymentDelay,
  DeploymentStatus,
  DeploymentTroops,
  DeploymentCitation,
  DeploymentPrecision,
  QuoteKind = 110,
  QuoteEvent,
  QuoteReaction,
  QuoteSpeaker,
  QuoteMedium,
  QuoteOpening,
  QuoteSubject,
  QuoteDay,
  QuoteCitation,
  CasualtyEvent = 130,
  CasualtyKind,
  CasualtyQualifier,
  CasualtySize,
  CasualtyBounded,
  CasualtyVictims,
  CasualtyOwnCountry,
  CasualtyCountry,
  CasualtyHasCountry,
  CasualtyAffiliated,
  CasualtyActor,
  CasualtyCitation,
  CasualtyUnknown,
}

/** Synthetic facts span ten years. */
const FIRST_DAY = `DATE '2015-01-01'`;
const DAYS = 3653;

/** A date truncated to its precision: MONTH → the 1st, YEAR → January 1 (as the checks demand). */
const startOfPeriod = (day: string, precision: string) =>
  `(CASE ${precision} WHEN 'DAY' THEN ${day} WHEN 'MONTH' THEN (${day} - (extract(day FROM ${day})::int - 1)) ` +
  `ELSE make_date(extract(year FROM ${day})::int, 1, 1) END)`;

/**
 * Figure columns (low, best, high, qualifier, wording) obeying the qualifier rules of
 * src/db/schema/columns.ts; sizes are log-uniform in [min, max] (mostly small, a few large).
 */
function figureColumns(
  random: Random,
  i: string,
  salts: { qualifier: number; size: number; bounded: number; unknown: number },
  range: { min: number; max: number },
  noun: string,
) {
  const q = random.weighted(salts.qualifier, i, [
    ['EXACT', 50],
    ['APPROXIMATE', 20],
    ['AT_LEAST', 15],
    ['UP_TO', 10],
    ['UNKNOWN', 5],
  ]);
  const size = `floor(exp(ln(${range.min}) + ${random.uniform(salts.size, i)} * ln(${range.max / range.min})))::int`;
  const rounded = `(CASE WHEN ${size} >= 20 THEN round(${size}, -1)::int ELSE ${size} END)`;
  const bounded = `(${random.uniform(salts.bounded, i)} < 0.4)`;
  return {
    selectList: `${q} AS qualifier, ${size} AS size, ${rounded} AS rounded, ${bounded} AS bounded`,
    low: `CASE qualifier WHEN 'EXACT' THEN size WHEN 'APPROXIMATE' THEN CASE WHEN bounded THEN floor(rounded * 0.8)::int END WHEN 'AT_LEAST' THEN size + 1 END`,
    best: `CASE qualifier WHEN 'EXACT' THEN size WHEN 'APPROXIMATE' THEN rounded END`,
    high: `CASE qualifier WHEN 'EXACT' THEN size WHEN 'APPROXIMATE' THEN CASE WHEN bounded THEN ceil(rounded * 1.2)::int END WHEN 'UP_TO' THEN size END`,
    qualifier: `qualifier::figure_qualifier`,
    wording: `CASE qualifier WHEN 'EXACT' THEN size::text || ' ${noun}'
      WHEN 'APPROXIMATE' THEN CASE WHEN bounded THEN 'between ' || floor(rounded * 0.8)::int || ' and ' || ceil(rounded * 1.2)::int || ' ${noun}' ELSE 'about ' || rounded || ' ${noun}' END
      WHEN 'AT_LEAST' THEN 'more than ' || size || ' ${noun}'
      WHEN 'UP_TO' THEN 'as many as ' || size || ' ${noun}'
      ELSE ${random.pick(salts.unknown, i, UNKNOWN_WORDINGS)} || ' ${noun}' END`,
  };
}

export type Progress = (line: string) => void;

interface TablePlan {
  table: string;
  rows: number;
  /** INSERT … SELECT for generate_series values [from, to] (0-based row numbers). */
  insert(from: number, to: number): string;
}

/** Fills the (migrated) database with synthetic rows; returns the rows inserted per table. */
export async function generateSynthetic(
  handle: DatabaseHandle,
  options: SyntheticOptions,
  progress: Progress = () => {},
): Promise<Record<string, number>> {
  const { db } = handle;
  const run = (text: string) => db.execute(sql.raw(text));
  const random = new Random(options.seed);
  const o = options;
  if (o.actors < 4) throw new Error('--actors must be at least 4 (events have up to 4 distinct actors)');

  // Ids continue above whatever is there (e.g. the seed dataset), so nothing collides.
  const idTables = ['sources', 'actors', 'citations', 'locations', 'events', 'reactions', 'deployments', 'quotes', 'casualties'] as const;
  const base: Record<(typeof idTables)[number], number> = Object.fromEntries(idTables.map((t) => [t, 0])) as never;
  for (const table of idTables) {
    const [row] = await queryRows<{ max: number | string | null }>(db, sql.raw(`SELECT max(id) AS max FROM ${table}`));
    base[table] = Number(row?.max ?? 0);
  }
  const id = (table: (typeof idTables)[number], index: string) => `(${base[table] + 1} + (${index}))`;

  // Countries: all ISO codes, in a seed-dependent order that decides which ones are "hot".
  const countries = isoCountries();
  const shuffle = seededRandom(options.seed);
  const hotFirst = countries
    .map((c) => ({ c, r: shuffle() }))
    .sort((a, b) => a.r - b.r)
    .map(({ c }) => c.code);
  const country = (salt: number, i: string, power = 2.5) =>
    `(${textArray(hotFirst)})[1 + ${random.skewed(salt, i, hotFirst.length, power)}]`;

  const plans: TablePlan[] = [
    {
      table: 'countries',
      rows: countries.length,
      insert: () =>
        `INSERT INTO countries (code, name) VALUES ${countries.map((c) => `(${quote(c.code)}, ${quote(c.name)})`).join(', ')} ON CONFLICT DO NOTHING`,
    },
    {
      table: 'sources',
      rows: o.sources,
      insert: (from, to) => `
        INSERT INTO sources (id, key, outlet, title, url, authors, published_on, updated_on) OVERRIDING SYSTEM VALUE
        SELECT ${id('sources', 'g')}, NULL, (${textArray(OUTLETS)})[1 + outlet], headline,
          'https://www.' || (${textArray(OUTLET_DOMAINS)})[1 + outlet] || '/' || to_char(published, 'YYYY/MM/DD') || '/story-' || (${id('sources', 'g')}),
          (CASE authors WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY[author_a] ELSE ARRAY[author_a, author_b] END),
          published, CASE WHEN g % 7 = 0 THEN published + 1 END
        FROM (
          SELECT g, ${random.skewed(Salt.SourceOutlet, 'g', OUTLETS.length, 2)} AS outlet,
            ${FIRST_DAY} + ${random.below(Salt.SourceDay, 'g', DAYS + 7)} AS published,
            ${random.below(Salt.SourceAuthors, 'g', 3)} AS authors,
            ${random.pick(Salt.SourceAuthorA, 'g', FIRST_NAMES)} || ' ' || ${random.pick(Salt.SourceAuthorA + 1000, 'g', LAST_NAMES)} AS author_a,
            ${random.pick(Salt.SourceAuthorB, 'g', FIRST_NAMES)} || ' ' || ${random.pick(Salt.SourceAuthorB + 1000, 'g', LAST_NAMES)} AS author_b,
            ${random.pick(Salt.SourceHeadline, 'g', EVENT_HEADLINES)} || ' ' || ${random.pick(Salt.SourceHeadline + 1000, 'g', PLACE_ROOTS)} AS headline
          FROM generate_series(${from}, ${to}) AS g
        ) s`,
    },
    {
      table: 'actors',
      rows: o.actors,
      insert: (from, to) => `
        INSERT INTO actors (id, key, name, aliases, kind, country_code, title, description, parent_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('actors', 'g')}, NULL, name,
          CASE kind
            WHEN 'PERSON' THEN (ARRAY[last_name, first_name || ' ' || misspelt, left(first_name, 1) || '. ' || last_name])[1:aliases]
            WHEN 'MILITIA' THEN (ARRAY[upper(left(word, 1) || left(unit, 1)) || 'B', word || ' ' || unit])[1:least(aliases, 2)]
            ELSE ARRAY[]::text[] END,
          kind::actor_kind, country_code,
          CASE WHEN kind = 'PERSON' THEN person_title END,
          CASE WHEN g % 3 = 0 THEN 'Synthetic ' || lower(kind) || ' #' || g END,
          CASE WHEN kind IN ('MILITIA', 'MILITARY') AND g > 0 AND has_parent THEN ${id('actors', random.below(Salt.ActorParent, 'g', 'g'))} END
        FROM (
          SELECT s.*, c.name AS country_name,
            CASE kind
              WHEN 'PERSON' THEN first_name || ' ' || last_name
              WHEN 'GOVERNMENT' THEN 'Government of ' || coalesce(c.name, 'the Transitional Council')
              WHEN 'MILITARY' THEN coalesce(c.name, 'Coalition') || ' ' || branch
              WHEN 'MILITIA' THEN word || ' ' || unit
              WHEN 'ORGANIZATION' THEN coalesce(c.name, 'International') || ' ' || org
              WHEN 'MEDIA' THEN outlet || ' ' || coalesce(c.name, 'International') || ' bureau'
              ELSE 'Protesters in ' || coalesce(c.name, 'the capital') END AS name
          FROM (
            SELECT g,
              ${random.weighted(Salt.ActorKind, 'g', [
                ['PERSON', 45],
                ['GOVERNMENT', 10],
                ['MILITARY', 12],
                ['MILITIA', 12],
                ['ORGANIZATION', 8],
                ['MEDIA', 8],
                ['GROUP', 5],
              ])} AS kind,
              CASE WHEN ${random.uniform(Salt.ActorHasCountry, 'g')} < 0.92 THEN ${country(Salt.ActorCountry, 'g', 2)} END AS country_code,
              ${random.pick(Salt.ActorFirst, 'g', FIRST_NAMES)} AS first_name,
              ${random.pick(Salt.ActorLast, 'g', LAST_NAMES)} AS last_name,
              ${random.pick(Salt.ActorTitle, 'g', PERSON_TITLES)} AS person_title,
              ${random.pick(Salt.ActorBranch, 'g', MILITARY_BRANCHES)} AS branch,
              ${random.pick(Salt.ActorWord, 'g', MILITIA_WORDS)} AS word,
              ${random.pick(Salt.ActorUnit, 'g', MILITIA_UNITS)} AS unit,
              ${random.pick(Salt.ActorOrg, 'g', ORGANIZATIONS)} AS org,
              ${random.pick(Salt.ActorOrg + 1000, 'g', OUTLETS)} AS outlet,
              ${random.uniform(Salt.ActorHasParent, 'g')} < 0.25 AS has_parent,
              ${random.below(Salt.ActorAliases, 'g', 4)} AS aliases,
              ${random.below(Salt.ActorMisspell, 'g', 4)} AS misspell_at
            FROM generate_series(${from}, ${to}) AS g
          ) s LEFT JOIN countries c ON c.code = s.country_code
        ) named
        -- A misspelling as sources make them: two adjacent letters swapped ("Peolsi").
        CROSS JOIN LATERAL (SELECT overlay(last_name PLACING reverse(substr(last_name, 2 + misspell_at, 2)) FROM 2 + misspell_at FOR 2) AS misspelt) m`,
    },
    {
      table: 'citations',
      rows: o.citations,
      insert: (from, to) => `
        INSERT INTO citations (id, key, source_id, passage, attributed_to_actor_id, attribution) OVERRIDING SYSTEM VALUE
        SELECT ${id('citations', 'g')}, NULL, ${id('sources', 'source')}, passage, a.id, CASE WHEN a.id IS NOT NULL THEN 'according to ' || a.name END
        FROM (
          SELECT g, ${random.skewed(Salt.CitationSource, 'g', o.sources, 2)} AS source,
            CASE WHEN ${random.uniform(Salt.CitationAttributed, 'g')} < 0.3 THEN ${id('actors', random.skewed(Salt.CitationActor, 'g', o.actors, 2))} END AS actor_id,
            ${random.pick(Salt.CitationPassage, 'g', EVENT_HEADLINES)} || ' ' || ${random.pick(Salt.CitationPassage + 1000, 'g', PLACE_ROOTS)}
              || ', ' || ${random.pick(Salt.CitationPassage + 2000, 'g', ['officials said', 'witnesses said', 'the ministry said in a statement', 'local media reported', 'a spokesman said'])} || '.' AS passage
          FROM generate_series(${from}, ${to}) AS g
        ) s LEFT JOIN actors a ON a.id = s.actor_id`,
    },
    {
      table: 'locations',
      rows: o.locations,
      insert: (from, to) => `
        INSERT INTO locations (id, key, name, country_code, latitude, longitude) OVERRIDING SYSTEM VALUE
        SELECT ${id('locations', 'g')}, NULL,
          ${random.pick(Salt.LocationPrefix, 'g', PLACE_PREFIXES)} || ' ' || ${random.pick(Salt.LocationRoot, 'g', PLACE_ROOTS)} || ${random.pick(Salt.LocationKind, 'g', PLACE_KINDS)},
          ${country(Salt.LocationCountry, 'g')},
          CASE WHEN has_coordinates THEN round((${random.uniform(Salt.LocationLatitude, 'g')} * 120 - 55)::numeric, 4)::float8 END,
          CASE WHEN has_coordinates THEN round((${random.uniform(Salt.LocationLongitude, 'g')} * 360 - 180)::numeric, 4)::float8 END
        FROM (SELECT g, ${random.uniform(Salt.LocationHasCoordinates, 'g')} < 0.8 AS has_coordinates FROM generate_series(${from}, ${to}) AS g) s`,
    },
    {
      // Synthetic places lie in one country each; filters by country read them here.
      table: 'location_countries',
      rows: o.locations,
      insert: (from, to) => `
        INSERT INTO location_countries (location_id, country_code)
        SELECT id, country_code FROM locations WHERE id BETWEEN ${id('locations', String(from))} AND ${id('locations', String(to))} AND country_code IS NOT NULL`,
    },
    {
      table: 'events',
      rows: o.events,
      insert: (from, to) => `
        INSERT INTO events (id, key, title, summary, kind, occurred_on, occurred_precision, location_id, is_timeline_entry, citation_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('events', 'g')}, NULL,
          headline || ' ' || coalesce(l.name, 'the region'),
          initcap(replace(lower(kind), '_', ' ')) || ' reported ' || CASE precision WHEN 'DAY' THEN 'on ' || to_char(day, 'FMMonth FMDD, YYYY') WHEN 'MONTH' THEN 'in ' || to_char(day, 'FMMonth YYYY') ELSE 'in ' || to_char(day, 'YYYY') END
            || coalesce(' near ' || l.name, '') || coalesce(', ' || c.name, '') || '.',
          kind::event_kind, ${startOfPeriod('day', 'precision')}, precision::date_precision, l.id, false, ${id('citations', 'citation')}
        FROM (
          SELECT g,
            ${random.weighted(Salt.EventKind, 'g', EVENT_KINDS)} AS kind,
            ${FIRST_DAY} + ${random.below(Salt.EventDay, 'g', DAYS)} AS day,
            ${random.weighted(Salt.EventPrecision, 'g', [
              ['DAY', 85],
              ['MONTH', 12],
              ['YEAR', 3],
            ])} AS precision,
            CASE WHEN ${random.uniform(Salt.EventHasLocation, 'g')} < 0.9 THEN ${id('locations', random.skewed(Salt.EventLocation, 'g', o.locations, 2))} END AS location_id,
            ${random.below(Salt.EventCitation, 'g', o.citations)} AS citation
          FROM generate_series(${from}, ${to}) AS g
        ) s
        CROSS JOIN LATERAL (SELECT CASE kind ${Object.entries(HEADLINES_BY_KIND)
          .map(([kind, headlines]) => `WHEN ${quote(kind)} THEN ${random.pick(Salt.EventHeadline, 'g', headlines)}`)
          .join(' ')} END AS headline) h
        LEFT JOIN locations l ON l.id = s.location_id LEFT JOIN countries c ON c.code = l.country_code`,
    },
    {
      // One link per chosen event (a bijection of g), so (from, to, kind) never repeats.
      table: 'event_links',
      rows: Math.min(o.eventLinks, o.events),
      insert: (from, to) => `
        INSERT INTO event_links (from_event_id, to_event_id, kind, citation_id)
        SELECT ${id('events', 'from_event')}, ${id('events', `(from_event + 1 + ${random.below(Salt.LinkTo, 'g', o.events - 1)}) % ${o.events}`)},
          ${random.weighted(Salt.LinkKind, 'g', [
            ['RETALIATION_FOR', 3],
            ['RESPONSE_TO', 5],
            ['FOLLOWS', 2],
          ])}::event_link_kind,
          ${id('citations', random.below(Salt.LinkCitation, 'g', o.citations))}
        FROM (SELECT g, ((g::bigint * 1000003) % ${o.events})::int AS from_event FROM generate_series(${from}, ${to}) AS g) s
        WHERE ${o.events} > 1`,
    },
    {
      // 2–4 distinct actors per event: offsets 0, q, 2q, 3q (q = actors / 4) from a skewed start.
      table: 'event_actors',
      rows: o.events,
      insert: (from, to) => `
        INSERT INTO event_actors (event_id, actor_id, role, citation_id)
        SELECT ${id('events', 'g')}, ${id('actors', `(first_actor + slot * ${Math.floor(o.actors / 4)}) % ${o.actors}`)},
          (CASE slot WHEN 0 THEN 'PERPETRATOR' WHEN 1 THEN 'TARGET' ELSE ${random.pick(Salt.ParticipantRole, 'g * 4 + slot', ROLES_AFTER_FIRST_TWO)} END)::event_actor_role,
          ${id('citations', random.below(Salt.ParticipantCitation, 'g * 4 + slot', o.citations))}
        FROM (
          SELECT g, 2 + ${random.below(Salt.ParticipantCount, 'g', 3)} AS participants, ${random.skewed(Salt.ParticipantFirst, 'g', o.actors, 2)} AS first_actor
          FROM generate_series(${from}, ${to}) AS g
        ) s CROSS JOIN generate_series(0, 3) AS slot
        WHERE slot < participants`,
    },
    {
      table: 'reactions',
      rows: o.reactions,
      insert: (from, to) => `
        INSERT INTO reactions (id, key, actor_id, event_id, stance, summary, occurred_on, occurred_precision, citation_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('reactions', 'g')}, NULL, a.id, e.id, stance::reaction_stance,
          a.name || ' ' || verb || ' ' || lower(left(e.title, 1)) || substr(e.title, 2) || '.',
          CASE WHEN e.occurred_precision = 'DAY' THEN e.occurred_on + delay ELSE e.occurred_on END, e.occurred_precision,
          ${id('citations', 'citation')}
        FROM (
          SELECT g,
            ${id('events', random.skewed(Salt.ReactionEvent, 'g', o.events, 3))} AS event_id,
            ${id('actors', random.skewed(Salt.ReactionActor, 'g', o.actors, 2))} AS actor_id,
            ${random.pick(Salt.ReactionStance, 'g', STANCES)} AS stance,
            ${random.pick(Salt.ReactionVerb, 'g', REACTION_VERBS)} AS verb,
            ${random.below(Salt.ReactionDelay, 'g', 4)} AS delay,
            ${random.below(Salt.ReactionCitation, 'g', o.citations)} AS citation
          FROM generate_series(${from}, ${to}) AS g
        ) s JOIN events e ON e.id = s.event_id JOIN actors a ON a.id = s.actor_id`,
    },
    deploymentsPlan(),
    {
      // Most quotes are about an event; some belong to a reaction (same event, the reacting
      // actor speaking); a few stand alone.
      table: 'quotes',
      rows: o.quotes,
      insert: (from, to) => `
        INSERT INTO quotes (id, key, text, speaker_actor_id, event_id, reaction_id, occurred_on, occurred_precision, medium, citation_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('quotes', 'g')}, NULL, opening || ' ' || subject || '.',
          coalesce(r.actor_id, s.speaker_id), coalesce(r.event_id, e.id), r.id,
          coalesce(r.occurred_on, e.occurred_on, own_day), coalesce(r.occurred_precision, e.occurred_precision, 'DAY'),
          medium::quote_medium, ${id('citations', 'citation')}
        FROM (
          SELECT g, ${random.uniform(Salt.QuoteKind, 'g')} AS kind_draw,
            ${id('events', random.skewed(Salt.QuoteEvent, 'g', o.events, 3))} AS event_id,
            ${id('reactions', random.below(Salt.QuoteReaction, 'g', o.reactions))} AS reaction_id,
            ${id('actors', random.skewed(Salt.QuoteSpeaker, 'g', o.actors, 2))} AS speaker_id,
            ${random.pick(Salt.QuoteMedium, 'g', MEDIA)} AS medium,
            ${random.pick(Salt.QuoteOpening, 'g', QUOTE_OPENINGS)} AS opening,
            ${random.pick(Salt.QuoteSubject, 'g', QUOTE_SUBJECTS)} AS subject,
            ${FIRST_DAY} + ${random.below(Salt.QuoteDay, 'g', DAYS)} AS own_day,
            ${random.below(Salt.QuoteCitation, 'g', o.citations)} AS citation
          FROM generate_series(${from}, ${to}) AS g
        ) s
        LEFT JOIN events e ON s.kind_draw < 0.75 AND e.id = s.event_id
        LEFT JOIN reactions r ON s.kind_draw >= 0.75 AND s.kind_draw < 0.95 AND r.id = s.reaction_id`,
    },
    casualtiesPlan(),
  ];

  function deploymentsPlan(): TablePlan {
    // Rows come in pairs (2m, 2m+1). In about half the pairs the odd row is a later report of
    // the same movement (DEPLOYED after ANNOUNCED/PLANNED) and supersedes the even row; each
    // row is superseded at most once, as the unique index demands.
    const movement = `(CASE WHEN paired THEN g - g % 2 ELSE g END)`;
    const figure = figureColumns(
      random,
      movement,
      {
        qualifier: Salt.DeploymentQualifier,
        size: Salt.DeploymentSize,
        bounded: Salt.DeploymentBounded,
        unknown: Salt.DeploymentTroops + 1000,
      },
      { min: 20, max: 6000 },
      'troops',
    );
    return {
      table: 'deployments',
      rows: o.deployments,
      insert: (from, to) => `
        INSERT INTO deployments (id, key, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, status, troop_description,
          force_country_code, ordered_by_actor_id, destination_location_id, destination_country_code, occurred_on, occurred_precision,
          event_id, supersedes_id, citation_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('deployments', 'g')}, NULL, ${figure.low}, ${figure.best}, ${figure.high}, ${figure.qualifier}, ${figure.wording},
          (CASE WHEN paired AND g % 2 = 1 THEN 'DEPLOYED' WHEN paired THEN first_status ELSE lone_status END)::deployment_status,
          troops || ' from ' || fc.name,
          force_country, ordered_by, l.id, coalesce(l.country_code, destination_country),
          ${startOfPeriod('day', 'precision')}, precision::date_precision,
          event_id, CASE WHEN paired AND g % 2 = 1 THEN ${id('deployments', 'g - 1')} END, ${id('citations', 'citation')}
        FROM (
          SELECT m.*, ${figure.selectList},
            ${country(Salt.DeploymentForce, movement, 3)} AS force_country,
            CASE WHEN ${random.uniform(Salt.DeploymentHasOrder, movement)} < 0.6 THEN ${id('actors', random.skewed(Salt.DeploymentOrdered, movement, o.actors, 2))} END AS ordered_by,
            CASE WHEN ${random.uniform(Salt.DeploymentHasLocation, movement)} < 0.7 THEN ${id('locations', random.skewed(Salt.DeploymentLocation, movement, o.locations, 2))} END AS location_id,
            CASE WHEN ${random.uniform(Salt.DeploymentHasCountry, movement)} < 0.5 THEN ${country(Salt.DeploymentCountry, movement)} END AS destination_country,
            CASE WHEN ${random.uniform(Salt.DeploymentHasEvent, movement)} < 0.4 THEN ${id('events', random.skewed(Salt.DeploymentEvent, movement, o.events, 2))} END AS event_id,
            ${FIRST_DAY} + ${random.below(Salt.DeploymentDay, movement, DAYS)} + CASE WHEN paired AND g % 2 = 1 THEN 7 + ${random.below(Salt.DeploymentDelay, 'g', 60)} ELSE 0 END AS day,
            CASE WHEN paired THEN 'DAY' ELSE ${random.weighted(Salt.DeploymentPrecision, 'g', [
              ['DAY', 80],
              ['MONTH', 15],
              ['YEAR', 5],
            ])} END AS precision,
            ${random.pick(Salt.DeploymentStatus, movement, ['ANNOUNCED', 'PLANNED'])} AS first_status,
            ${random.weighted(Salt.DeploymentStatus + 1000, 'g', [
              ['ANNOUNCED', 3],
              ['PLANNED', 1],
              ['DEPLOYED', 3],
              ['STATIONED', 3],
            ])} AS lone_status,
            ${random.pick(Salt.DeploymentTroops, movement, TROOPS)} AS troops,
            ${random.below(Salt.DeploymentCitation, 'g', o.citations)} AS citation
          FROM (
            SELECT g, ${random.uniform(Salt.DeploymentPaired, 'g - g % 2')} < 0.5 AND g % 2 = 1 OR
              (${random.uniform(Salt.DeploymentPaired, 'g - g % 2')} < 0.5 AND g % 2 = 0 AND g + 1 < ${o.deployments}) AS paired
            FROM generate_series(${from}, ${to}) AS g
          ) m
        ) s
        JOIN countries fc ON fc.code = s.force_country
        LEFT JOIN locations l ON l.id = s.location_id`,
    };
  }

  function casualtiesPlan(): TablePlan {
    const figure = figureColumns(
      random,
      'g',
      {
        qualifier: Salt.CasualtyQualifier,
        size: Salt.CasualtySize,
        bounded: Salt.CasualtyBounded,
        unknown: Salt.CasualtyUnknown,
      },
      { min: 1, max: 400 },
      '',
    );
    return {
      // A few events carry most casualty reports (power 3 skew); victims are mostly from the
      // country the event happened in, so the same few countries dominate the totals.
      table: 'casualties',
      rows: o.casualties,
      insert: (from, to) => `
        INSERT INTO casualties (id, key, event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording,
          victim_description, victim_country_code, affiliated_actor_id, occurred_on, occurred_precision, citation_id) OVERRIDING SYSTEM VALUE
        SELECT ${id('casualties', 'g')}, NULL, e.id, casualty_kind::casualty_kind, ${figure.low}, ${figure.best}, ${figure.high}, ${figure.qualifier},
          rtrim(${figure.wording}) || ' ' || victims || ' ' || lower(casualty_kind),
          victims,
          CASE WHEN own_country AND l.country_code IS NOT NULL THEN l.country_code WHEN has_country THEN other_country END,
          affiliated, e.occurred_on, e.occurred_precision, ${id('citations', 'citation')}
        FROM (
          SELECT g, ${figure.selectList},
            ${id('events', random.skewed(Salt.CasualtyEvent, 'g', o.events, 3))} AS event_id,
            ${random.weighted(Salt.CasualtyKind, 'g', [
              ['KILLED', 60],
              ['INJURED', 40],
            ])} AS casualty_kind,
            ${random.pick(Salt.CasualtyVictims, 'g', VICTIMS)} AS victims,
            ${random.uniform(Salt.CasualtyOwnCountry, 'g')} < 0.75 AS own_country,
            ${random.uniform(Salt.CasualtyHasCountry, 'g')} < 0.8 AS has_country,
            ${country(Salt.CasualtyCountry, 'g')} AS other_country,
            CASE WHEN ${random.uniform(Salt.CasualtyAffiliated, 'g')} < 0.3 THEN ${id('actors', random.skewed(Salt.CasualtyActor, 'g', o.actors, 2))} END AS affiliated,
            ${random.below(Salt.CasualtyCitation, 'g', o.citations)} AS citation
          FROM generate_series(${from}, ${to}) AS g
        ) s JOIN events e ON e.id = s.event_id LEFT JOIN locations l ON l.id = e.location_id`,
    };
  }

  const inserted: Record<string, number> = {};
  const started = performance.now();
  let totalRows = 0;
  for (const plan of plans) {
    const tableStarted = performance.now();
    let rows = 0;
    const chunk = plan.table === 'countries' ? plan.rows : o.chunkSize;
    for (let from = 0; from < plan.rows; from += chunk) {
      const to = Math.min(plan.rows, from + chunk) - 1;
      const result = (await run(plan.insert(from, to))) as { rowCount?: number | null; affectedRows?: number };
      rows += Number(result.rowCount ?? result.affectedRows ?? 0);
      const seconds = (performance.now() - tableStarted) / 1000;
      progress(`  ${plan.table.padEnd(13)} ${String(to + 1).padStart(9)}/${plan.rows} source rows  ${formatRate(rows, seconds)}`);
    }
    inserted[plan.table] = rows;
    totalRows += rows;
    progress(`${plan.table.padEnd(15)} ${String(rows).padStart(9)} rows in ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`);
  }
  // Explicit ids bypassed the identity sequences; move them past the new rows.
  for (const table of idTables) {
    await run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (SELECT coalesce(max(id), 0) FROM ${table})))`);
  }
  const analyzeStarted = performance.now();
  // VACUUM as well as ANALYZE: it sets the visibility map, without which the covering statistics
  // indexes cannot serve index-only scans until autovacuum gets round to the new rows.
  await run('VACUUM (ANALYZE)');
  progress(`VACUUM (ANALYZE) in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  // The query cost estimate multiplies by the nested lists' measured sizes: measure the new data.
  const fanoutStarted = performance.now();
  await refreshFanout(handle.db);
  progress(`list fan-out measured in ${((performance.now() - fanoutStarted) / 1000).toFixed(1)} s`);
  const seconds = (performance.now() - started) / 1000;
  progress(`total ${totalRows} rows in ${seconds.toFixed(1)} s (${formatRate(totalRows, seconds)})`);
  return inserted;
}

function formatRate(rows: number, seconds: number): string {
  return `${Math.round(rows / Math.max(seconds, 1e-3)).toLocaleString('en-US')} rows/s`;
}

/** Empties every table, seed data included, and restarts the id sequences. */
export async function truncateAll(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(
    sql.raw(
      'TRUNCATE quotes, reactions, casualties, deployments, event_links, event_actors, events, locations, citations, actors, sources, countries RESTART IDENTITY CASCADE',
    ),
  );
}

const flagNames = [
  'events',
  'actors',
  'quotes',
  'reactions',
  'deployments',
  'locations',
  'sources',
  'citations',
  'event-links',
  'chunk-size',
] as const;

/** Parses the command line: --casualties sets the scale, the others override single tables. */
export function parseSyntheticArgs(argv: string[]): { options: SyntheticOptions; reset: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      casualties: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      reset: { type: 'boolean', default: false },
      ...Object.fromEntries(flagNames.map((name) => [name, { type: 'string' as const }])),
    },
    strict: true,
  });
  const count = (name: string, raw: unknown): number => {
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${String(raw)}"`);
    return value;
  };
  const options = syntheticDefaults(count('casualties', values.casualties), count('seed', values.seed));
  const record = values as Record<string, unknown>;
  for (const name of flagNames) {
    if (record[name] === undefined) continue;
    const key = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof SyntheticOptions;
    options[key] = count(name, record[name]);
  }
  if (options.chunkSize < 1) throw new Error('--chunk-size must be at least 1');
  for (const name of ['events', 'sources', 'citations', 'locations'] as const) {
    if (options[name] < 1) throw new Error(`--${name} must be at least 1`);
  }
  return { options, reset: Boolean(values.reset) };
}

// `npm run data:synthetic -- --casualties 1000000`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { options, reset } = parseSyntheticArgs(process.argv.slice(2));
  const { loadConfig } = await import('../src/config.js');
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: 2 });
  const target = handle.driver === 'postgres' ? new URL(config.databaseUrl!).pathname.slice(1) : config.pgliteDataDir;
  console.log(`synthetic data → ${handle.driver} ${target}: ${JSON.stringify(options)}`);
  await migrateDatabase(handle);
  if (reset) {
    await truncateAll(handle);
    console.log('tables emptied (--reset)');
  }
  try {
    await generateSynthetic(handle, options, (line) => console.log(line));
  } catch (error) {
    // Drizzle wraps the Postgres error together with the (long) generated SQL; show the cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    console.error('synthetic data generation failed:', cause instanceof Error ? cause.message : cause);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
