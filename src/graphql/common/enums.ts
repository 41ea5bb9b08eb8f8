import { registerEnumType } from 'type-graphql';
import * as db from '../../db/schema/enums.js';

type Values<E extends { enumValues: readonly string[] }> = E['enumValues'][number];

/**
 * GraphQL enums mirror the Postgres enums (one list of values, two type systems). Each value
 * needs a description, and the `Record` type makes a missing one a compile error.
 */
function mirror<E extends { enumValues: readonly [string, ...string[]] }>(
  pgEnum: E,
  name: string,
  description: string,
  values: Record<Values<E>, string>,
): { [K in Values<E>]: K } {
  const enumObject = Object.fromEntries(pgEnum.enumValues.map((v) => [v, v])) as { [K in Values<E>]: K };
  const valuesConfig = Object.fromEntries(Object.entries(values).map(([k, d]) => [k, { description: d as string }]));
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as never });
  return enumObject;
}

export const DatePrecision = mirror(db.datePrecision, 'DatePrecision', 'How precisely the source dates something.', {
  DAY: 'The exact day is known.',
  MONTH: 'Only the month is known; the date is the 1st of that month.',
  YEAR: 'Only the year is known; the date is January 1st of that year.',
  RANGE: 'Some day between date and end, both included (UCDP GED: "within 2-6 days", "within a week").',
});
export type DatePrecision = keyof typeof DatePrecision;

export const FigureQualifier = mirror(db.figureQualifier, 'FigureQualifier', 'How exact a reported number is, as its wording implies.', {
  EXACT: 'A plain number ("25 fighters"): low = best = high.',
  APPROXIMATE: 'A rounded or hedged number ("roughly 5,200"): best is set, bounds only if given.',
  AT_LEAST: 'A floor ("more than 450"): low is set, no upper bound.',
  UP_TO: 'A ceiling ("as many as 30"): high is set.',
  UNKNOWN: 'No number at all ("several officials"): low, best and high are null.',
});
export type FigureQualifier = keyof typeof FigureQualifier;

export const ActorKind = mirror(db.actorKind, 'ActorKind', 'What sort of actor this is.', {
  PERSON: 'An individual.',
  GOVERNMENT: 'A government, ministry or state body.',
  MILITARY: 'A state armed force or one of its units.',
  MILITIA: 'A non-state armed group.',
  ORGANIZATION: 'Any other organisation.',
  MEDIA: 'A news outlet or journalist organisation.',
  GROUP: 'An informal group of people (protesters, crowds, allies).',
});
export type ActorKind = keyof typeof ActorKind;

export const EventKind = mirror(db.eventKind, 'EventKind', 'What kind of event happened.', {
  ROCKET_ATTACK: 'Rockets fired at a target.',
  AIRSTRIKE: 'An attack from the air.',
  TARGETED_KILLING: 'The deliberate killing of a named person.',
  PROTEST: 'A demonstration or protest.',
  EMBASSY_BREACH: 'Protesters or attackers breaking into a diplomatic compound.',
  MOURNING: 'Official mourning or a public reaction dominated by grief.',
  POLICY: 'A government policy decision.',
  SANCTIONS: 'Economic sanctions imposed.',
  ATTACK: 'Any other attack.',
  SHOOTDOWN: 'An aircraft or drone shot down.',
  RESIGNATION: 'A leader resigning or announcing resignation.',
  DEPLOYMENT: 'Troops ordered or sent somewhere.',
  DIPLOMACY: 'A diplomatic step.',
  STATE_BASED_VIOLENCE: 'Fighting in which at least one side is a state (UCDP type of violence 1).',
  NON_STATE_VIOLENCE: 'Fighting between organised groups, none of them a state (UCDP type 2).',
  ONE_SIDED_VIOLENCE: 'A government or organised group killing civilians (UCDP type 3).',
});
export type EventKind = keyof typeof EventKind;

export const EventActorRole = mirror(db.eventActorRole, 'EventActorRole', 'The part an actor played in an event.', {
  PERPETRATOR: 'Carried it out.',
  TARGET: 'Was attacked or aimed at.',
  PARTICIPANT: 'Took part.',
  AUTHORIZER: 'Ordered or approved it.',
  BLAMED: 'Was blamed for it (the claim, not a finding).',
  VICTIM: 'Suffered harm from it.',
  WITNESS: 'Was present or reported on it.',
  SIDE_A: 'Side A of a UCDP dyad (in state-based conflict, the government).',
  SIDE_B: 'Side B of a UCDP dyad (the opposing side).',
});
export type EventActorRole = keyof typeof EventActorRole;

export const EventLinkKind = mirror(db.eventLinkKind, 'EventLinkKind', 'How a later event relates to an earlier one.', {
  RETALIATION_FOR: 'The later event was retaliation for the earlier one.',
  RESPONSE_TO: 'The later event responded to the earlier one.',
  FOLLOWS: 'The later event came after, and in the context of, the earlier one.',
});
export type EventLinkKind = keyof typeof EventLinkKind;

export const CasualtyKind = mirror(db.casualtyKind, 'CasualtyKind', 'What happened to the people counted.', {
  KILLED: 'Killed.',
  INJURED: 'Injured or wounded.',
});
export type CasualtyKind = keyof typeof CasualtyKind;

export const DeploymentStatus = mirror(db.deploymentStatus, 'DeploymentStatus', 'How far a troop movement had got when reported.', {
  ANNOUNCED: 'Ordered or announced, being sent.',
  PLANNED: 'Under consideration; could be sent.',
  DEPLOYED: 'Sent and arrived (or arriving).',
  STATIONED: 'Already there before the events reported.',
});
export type DeploymentStatus = keyof typeof DeploymentStatus;

export const ReactionStance = mirror(db.reactionStance, 'ReactionStance', 'The stance an actor took towards an event.', {
  CONDEMNATION: 'Condemned it.',
  SUPPORT: 'Supported or praised it.',
  THREAT: 'Threatened retaliation or consequences.',
  CALL_FOR_RESTRAINT: 'Urged restraint or de-escalation.',
  MOURNING: 'Mourned the dead.',
  JUSTIFICATION: 'Defended or justified it (usually its author).',
  DENIAL: 'Denied responsibility.',
  BLAME: 'Blamed someone for it.',
  DEMAND: 'Demanded an action from someone.',
  WARNING: 'Warned people (e.g. a travel warning).',
  PROTEST: 'Protested in the street.',
  DIPLOMATIC_PROTEST: 'Protested through diplomatic channels.',
  LEADERSHIP_CHANGE: 'Named a successor or changed leadership.',
  CELEBRATION: 'Celebrated it.',
});
export type ReactionStance = keyof typeof ReactionStance;

export const QuoteMedium = mirror(db.quoteMedium, 'QuoteMedium', 'How the words were delivered.', {
  STATEMENT: 'An official or public statement.',
  WRITTEN_STATEMENT: 'A written statement.',
  TWITTER: 'A post on Twitter.',
  INTERVIEW: 'Said to a journalist.',
  TELEVISION: 'Said on television.',
  REMARKS_TO_REPORTERS: 'Said to reporters.',
  CABINET_MEETING: 'Said in a cabinet meeting.',
  PROTEST_CHANT: 'Chanted or shouted by a crowd.',
  REPORTING: "A journalist's own reporting, quoted by the article.",
  UNKNOWN: 'The article does not say.',
});
export type QuoteMedium = keyof typeof QuoteMedium;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort order.',
  valuesConfig: { ASC: { description: 'Smallest, earliest or A first.' }, DESC: { description: 'Largest, latest or Z first.' } },
});
