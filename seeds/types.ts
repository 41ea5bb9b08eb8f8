/**
 * Shape of a dataset file. Records refer to each other by stable `key`s (slugs), never by
 * database ids, so the loader can upsert idempotently and the data stays reviewable as text.
 */

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

/** A date as the source gives it: `on` is the first day of the period the precision names. */
export interface SeedDate {
  /** ISO date, `YYYY-MM-DD`; for MONTH precision the 1st of the month, for YEAR Jan 1st. */
  on: string;
  precision: DatePrecision;
}

export type FigureQualifier = 'EXACT' | 'APPROXIMATE' | 'AT_LEAST' | 'UP_TO' | 'UNKNOWN';

/**
 * A number as reported. Rules (enforced by check constraints):
 * - EXACT "killed 25": low = best = high = 25
 * - APPROXIMATE "roughly 5,200": best = 5200, low and high null unless the text gives a range
 * - AT_LEAST "more than 450": low = 451, best and high null
 * - UP_TO "as many as 30": high = 30, low and best null
 * - UNKNOWN "several officials": all three null
 * `wording` is the source's own words for the number, verbatim ("roughly 5,200 troops").
 */
export interface SeedFigure {
  low: number | null;
  best: number | null;
  high: number | null;
  qualifier: FigureQualifier;
  wording: string;
}

/**
 * Where a fact comes from: the article (`source` key), the passage of it the fact rests on
 * (verbatim, a sentence or two), and who the article attributes the claim to.
 */
export interface SeedCitation {
  source: string;
  /** Verbatim passage from the article. */
  passage: string;
  /** Actor key of the outlet/body the article credits ("according to the AP" → 'associated-press'); null when the article states it in its own voice. */
  attributedTo: string | null;
  /** The article's own attribution words, verbatim, e.g. "according to the Associated Press"; null when none. */
  attribution: string | null;
}

export interface SeedCountry {
  code: string;
  name: string;
}

export interface SeedSource {
  key: string;
  outlet: string;
  title: string;
  url: string | null;
  authors: string[];
  publishedOn: string | null;
  updatedOn: string | null;
}

export type ActorKind = 'PERSON' | 'GOVERNMENT' | 'MILITARY' | 'MILITIA' | 'ORGANIZATION' | 'MEDIA' | 'GROUP';

export interface SeedActor {
  key: string;
  /** Correct, canonical spelling. */
  name: string;
  /** Every other spelling the article uses, misspellings included ("Peolsi", "Kahmeni"), plus common variants it uses. */
  aliases: string[];
  kind: ActorKind;
  /** ISO 3166-1 alpha-2, or null for actors tied to no single country ("European allies"). */
  country: string | null;
  /** Title or role as the article gives it ("Speaker of the House"). */
  title: string | null;
  /** Actor key of the umbrella body (Kataeb Hezbollah → popular-mobilization-forces; Quds Force → irgc). */
  parent: string | null;
  description: string | null;
}

export interface SeedLocation {
  key: string;
  name: string;
  /** Every country (alpha-2) the text puts the place in; empty for regions ("Middle East"). */
  countries: string[];
  latitude: number | null;
  longitude: number | null;
}

export type EventKind =
  | 'ROCKET_ATTACK'
  | 'AIRSTRIKE'
  | 'TARGETED_KILLING'
  | 'PROTEST'
  | 'EMBASSY_BREACH'
  | 'MOURNING'
  | 'POLICY'
  | 'SANCTIONS'
  | 'ATTACK'
  | 'SHOOTDOWN'
  | 'RESIGNATION'
  | 'DEPLOYMENT'
  | 'DIPLOMACY';

export type EventActorRole = 'PERPETRATOR' | 'TARGET' | 'PARTICIPANT' | 'AUTHORIZER' | 'BLAMED' | 'VICTIM' | 'WITNESS';

export interface SeedEvent {
  key: string;
  title: string;
  /** Faithful summary in plain words, keeping the article's facts (e.g. "As many as 30 rockets were fired"). */
  summary: string;
  kind: EventKind;
  occurred: SeedDate;
  /** Location key or null. */
  location: string | null;
  /** True for the six dated timeline entries, false for background. */
  timeline: boolean;
  actors: { actor: string; role: EventActorRole; citation: SeedCitation }[];
  citation: SeedCitation;
}

export type EventLinkKind = 'RETALIATION_FOR' | 'RESPONSE_TO' | 'FOLLOWS';

/** `from` is the later event, `to` the one it answers: (dec-29-strikes) RETALIATION_FOR (dec-27-rocket-attack). */
export interface SeedEventLink {
  from: string;
  to: string;
  kind: EventLinkKind;
  citation: SeedCitation;
}

export type CasualtyKind = 'KILLED' | 'INJURED';

export interface SeedCasualty {
  key: string;
  event: string;
  kind: CasualtyKind;
  figure: SeedFigure;
  /** Who the victims were, in the article's words ("U.S. defense contractor"). */
  victims: string;
  /** Victims' country (alpha-2) or null if the article does not let us say. */
  victimCountry: string | null;
  /** Actor key the victims belonged to (Kataeb Hezbollah fighters → 'kataeb-hezbollah'), or null. */
  affiliation: string | null;
  occurred: SeedDate;
  citation: SeedCitation;
}

export type DeploymentStatus = 'ANNOUNCED' | 'PLANNED' | 'DEPLOYED' | 'STATIONED';

export interface SeedDeployment {
  key: string;
  figure: SeedFigure;
  status: DeploymentStatus;
  /** What the troops are, in the article's words ("U.S. soldiers", "service members"). */
  troops: string;
  forceCountry: string;
  /** Actor key of who ordered it (e.g. 'donald-trump'), or null. */
  orderedBy: string | null;
  destinationLocation: string | null;
  destinationCountry: string | null;
  occurred: SeedDate;
  /** Event key the deployment answers, or null. */
  event: string | null;
  /** Key of an earlier report of the SAME troop movement that this report updates (so sums never count it twice). */
  supersedes: string | null;
  citation: SeedCitation;
}

export type ReactionStance =
  | 'CONDEMNATION'
  | 'SUPPORT'
  | 'THREAT'
  | 'CALL_FOR_RESTRAINT'
  | 'MOURNING'
  | 'JUSTIFICATION'
  | 'DENIAL'
  | 'BLAME'
  | 'DEMAND'
  | 'WARNING'
  | 'PROTEST'
  | 'DIPLOMATIC_PROTEST'
  | 'LEADERSHIP_CHANGE'
  | 'CELEBRATION';

export interface SeedReaction {
  key: string;
  actor: string;
  event: string;
  stance: ReactionStance;
  summary: string;
  occurred: SeedDate;
  citation: SeedCitation;
}

export type QuoteMedium =
  | 'STATEMENT'
  | 'WRITTEN_STATEMENT'
  | 'TWITTER'
  | 'INTERVIEW'
  | 'TELEVISION'
  | 'REMARKS_TO_REPORTERS'
  | 'CABINET_MEETING'
  | 'PROTEST_CHANT'
  | 'REPORTING'
  | 'UNKNOWN';

export interface SeedQuote {
  key: string;
  /** Verbatim, character for character as printed (keep "rouge", "terrors", ellipses "…", curly quotes inside). */
  text: string;
  speaker: string;
  event: string | null;
  /** Reaction key this quote expresses, or null. */
  reaction: string | null;
  said: SeedDate;
  medium: QuoteMedium;
  citation: SeedCitation;
}

/** What a dataset is and where it comes from: stored as its `datasets` row. */
export interface SeedDatasetInfo {
  /** Stable key; records of the dataset are found again by it. */
  key: string;
  name: string;
  version: string | null;
  licence: string | null;
  citation: string | null;
  url: string | null;
}

export interface Dataset {
  info: SeedDatasetInfo;
  countries: SeedCountry[];
  sources: SeedSource[];
  actors: SeedActor[];
  locations: SeedLocation[];
  events: SeedEvent[];
  eventLinks: SeedEventLink[];
  casualties: SeedCasualty[];
  deployments: SeedDeployment[];
  reactions: SeedReaction[];
  quotes: SeedQuote[];
}
