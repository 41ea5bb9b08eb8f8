import { pgEnum } from 'drizzle-orm/pg-core';

// Closed sets are Postgres enums so bad values never reach a row; the GraphQL enums mirror them.
export const datePrecision = pgEnum('date_precision', ['DAY', 'MONTH', 'YEAR', 'RANGE']);
export const figureQualifier = pgEnum('figure_qualifier', ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'UP_TO', 'UNKNOWN']);
export const actorKind = pgEnum('actor_kind', ['PERSON', 'GOVERNMENT', 'MILITARY', 'MILITIA', 'ORGANIZATION', 'MEDIA', 'GROUP']);
export const eventKind = pgEnum('event_kind', [
  'ROCKET_ATTACK',
  'AIRSTRIKE',
  'TARGETED_KILLING',
  'PROTEST',
  'EMBASSY_BREACH',
  'MOURNING',
  'POLICY',
  'SANCTIONS',
  'ATTACK',
  'SHOOTDOWN',
  'RESIGNATION',
  'DEPLOYMENT',
  'DIPLOMACY',
  'STATE_BASED_VIOLENCE',
  'NON_STATE_VIOLENCE',
  'ONE_SIDED_VIOLENCE',
]);
export const eventActorRole = pgEnum('event_actor_role', [
  'PERPETRATOR',
  'TARGET',
  'PARTICIPANT',
  'AUTHORIZER',
  'BLAMED',
  'VICTIM',
  'WITNESS',
  'SIDE_A',
  'SIDE_B',
]);
export const eventLinkKind = pgEnum('event_link_kind', ['RETALIATION_FOR', 'RESPONSE_TO', 'FOLLOWS']);
export const casualtyKind = pgEnum('casualty_kind', ['KILLED', 'INJURED']);
export const deploymentStatus = pgEnum('deployment_status', ['ANNOUNCED', 'PLANNED', 'DEPLOYED', 'STATIONED']);
export const reactionStance = pgEnum('reaction_stance', [
  'CONDEMNATION',
  'SUPPORT',
  'THREAT',
  'CALL_FOR_RESTRAINT',
  'MOURNING',
  'JUSTIFICATION',
  'DENIAL',
  'BLAME',
  'DEMAND',
  'WARNING',
  'PROTEST',
  'DIPLOMATIC_PROTEST',
  'LEADERSHIP_CHANGE',
  'CELEBRATION',
]);
export const quoteMedium = pgEnum('quote_medium', [
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
]);
// UCDP GED's `where_prec` 1-7: how precisely a place is located.
export const locationPrecision = pgEnum('location_precision', [
  'EXACT',
  'WITHIN_25_KM',
  'ADM2',
  'ADM1',
  'FUZZY_AREA',
  'COUNTRY',
  'INTERNATIONAL',
]);
