/**
 * One line of a newsgraph NDJSON import file, as schemas/newsgraph-import.schema.json describes
 * it (the types follow the schema by hand; tests/import/newsgraph-schema.test.ts keeps the enums
 * equal to the database's). Optional members may be left out or null: both mean "none".
 */
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'RANGE';
export type FigureQualifier = 'EXACT' | 'APPROXIMATE' | 'AT_LEAST' | 'UP_TO' | 'UNKNOWN';

export interface FuzzyDateLine {
  date: string;
  precision: DatePrecision;
  end?: string | null;
}

export interface FigureLine {
  low?: number | null;
  best?: number | null;
  high?: number | null;
  qualifier: FigureQualifier;
  wording: string;
}

export interface CitationLine {
  source: string;
  passage: string;
  attribution?: string | null;
  attributedTo?: string | null;
}

export interface DatasetLine {
  key: string;
  name: string;
  version?: string | null;
  licence?: string | null;
  citation?: string | null;
  url?: string | null;
}

export interface CountryLine {
  code: string;
  name: string;
}

export interface SourceLine {
  key: string;
  outlet: string;
  title: string;
  url?: string | null;
  authors?: string[];
  publishedOn?: string | null;
  updatedOn?: string | null;
  fullText?: string | null;
}

export type ActorKind = 'PERSON' | 'GOVERNMENT' | 'MILITARY' | 'MILITIA' | 'ORGANIZATION' | 'MEDIA' | 'GROUP';

export interface ActorLine {
  key: string;
  name: string;
  kind: ActorKind;
  aliases?: string[];
  country?: string | null;
  title?: string | null;
  parent?: string | null;
  description?: string | null;
}

export type LocationPrecision = 'EXACT' | 'WITHIN_25_KM' | 'ADM2' | 'ADM1' | 'FUZZY_AREA' | 'COUNTRY' | 'INTERNATIONAL';

export interface LocationLine {
  key: string;
  name: string;
  countries?: string[];
  latitude?: number | null;
  longitude?: number | null;
  precision?: LocationPrecision | null;
  adm1?: string | null;
  adm2?: string | null;
}

export interface ParticipantLine {
  actor: string;
  role: string;
  citation: CitationLine;
}

export interface LinkLine {
  to: string;
  kind: 'RETALIATION_FOR' | 'RESPONSE_TO' | 'FOLLOWS';
  citation: CitationLine;
}

export interface CasualtyLine {
  key: string;
  kind: 'KILLED' | 'INJURED';
  figure: FigureLine;
  breakdown?: { sideA?: number | null; sideB?: number | null; civilians?: number | null; unknown?: number | null };
  victims: string;
  victimCountry?: string | null;
  affiliation?: string | null;
  occurredOn: FuzzyDateLine;
  citation: CitationLine;
}

export interface DeploymentLine {
  key: string;
  figure: FigureLine;
  status: 'ANNOUNCED' | 'PLANNED' | 'DEPLOYED' | 'STATIONED';
  troops: string;
  forceCountry: string;
  orderedBy?: string | null;
  destinationLocation?: string | null;
  destinationCountry?: string | null;
  occurredOn: FuzzyDateLine;
  supersedes?: string | null;
  citation: CitationLine;
}

export interface ReactionLine {
  key: string;
  actor: string;
  stance: string;
  summary: string;
  occurredOn: FuzzyDateLine;
  citation: CitationLine;
}

export interface QuoteLine {
  key: string;
  text: string;
  speaker: string;
  /** Only for a quote nested in its event. */
  reaction?: string | null;
  occurredOn: FuzzyDateLine;
  medium: string;
  citation: CitationLine;
}

export interface EventLine {
  key: string;
  title: string;
  summary: string;
  kind: string;
  occurredOn: FuzzyDateLine;
  location?: string | null;
  timeline?: boolean;
  conflictName?: string | null;
  dyadName?: string | null;
  citation: CitationLine;
  participants?: ParticipantLine[];
  links?: LinkLine[];
  casualties?: CasualtyLine[];
  deployments?: DeploymentLine[];
  reactions?: ReactionLine[];
  quotes?: QuoteLine[];
}

/** A line after the dataset line: its kind and its value. */
export type RecordLine =
  | { kind: 'country'; value: CountryLine }
  | { kind: 'source'; value: SourceLine }
  | { kind: 'actor'; value: ActorLine }
  | { kind: 'location'; value: LocationLine }
  | { kind: 'event'; value: EventLine }
  | { kind: 'deployment'; value: DeploymentLine }
  | { kind: 'quote'; value: QuoteLine };

export type LineKind = RecordLine['kind'] | 'dataset';

/** What a key names; each is its own namespace (an actor and a place may share a key). */
export type KeyKind = 'country' | 'source' | 'actor' | 'location' | 'event' | 'casualty' | 'deployment' | 'reaction' | 'quote';
