import { registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { SortDirection } from '../../common/enums.js';

export enum CasualtyDimension {
  COUNTRY = 'COUNTRY',
  EVENT = 'EVENT',
  DAY = 'DAY',
  MONTH = 'MONTH',
  KIND = 'KIND',
  ACTOR = 'ACTOR',
  QUALIFIER = 'QUALIFIER',
  YEAR = 'YEAR',
  EVENT_KIND = 'EVENT_KIND',
  DATASET = 'DATASET',
}
registerEnumType(CasualtyDimension, {
  name: 'CasualtyDimension',
  description: 'What casualty figures can be grouped by.',
  valuesConfig: {
    COUNTRY: { description: "The victims' country (key.country; null when the source does not say)." },
    EVENT: { description: 'The event (key.event).' },
    DAY: { description: 'The day (key.day); records dated only to the month or year fall in the group whose day is null.' },
    MONTH: { description: 'The month (key.month, its 1st day); records dated only to the year fall in the group whose month is null.' },
    KIND: { description: 'Killed or injured (key.kind).' },
    ACTOR: { description: 'The force or group the victims belonged to (key.actor; null when unknown).' },
    QUALIFIER: { description: 'How exact the figures are (key.qualifier).' },
    YEAR: { description: 'The calendar year (key.year); records whose dates span two years fall in the group whose year is null.' },
    EVENT_KIND: { description: "The kind of the records' event (key.eventKind), e.g. UCDP's types of violence." },
    DATASET: { description: 'The dataset the records were imported from (key.dataset; null for records outside any import).' },
  },
});

export enum DeploymentDimension {
  FORCE_COUNTRY = 'FORCE_COUNTRY',
  DESTINATION_COUNTRY = 'DESTINATION_COUNTRY',
  DESTINATION = 'DESTINATION',
  STATUS = 'STATUS',
  DAY = 'DAY',
  EVENT = 'EVENT',
  DATASET = 'DATASET',
}
registerEnumType(DeploymentDimension, {
  name: 'DeploymentDimension',
  description: 'What troop figures can be grouped by.',
  valuesConfig: {
    FORCE_COUNTRY: { description: 'Whose troops (key.forceCountry).' },
    DESTINATION_COUNTRY: { description: 'Destination country (key.destinationCountry; null for regions such as "the Middle East").' },
    DESTINATION: { description: 'Destination place or region as reported (key.destination).' },
    STATUS: { description: 'Announced, planned, deployed or stationed (key.status).' },
    DAY: { description: 'The day (key.day); records dated less precisely fall in the group whose day is null.' },
    EVENT: { description: 'The event the movement answers (key.event; null when none).' },
    DATASET: { description: 'The dataset the reports were imported from (key.dataset; null for reports outside any import).' },
  },
});

export enum StatsOrderField {
  KEY = 'KEY',
  LOW = 'LOW',
  BEST = 'BEST',
  HIGH = 'HIGH',
  RECORDS = 'RECORDS',
}
registerEnumType(StatsOrderField, {
  name: 'StatsOrderField',
  description: 'What groups can be sorted by.',
  valuesConfig: {
    KEY: { description: 'The group key, dimension by dimension in groupBy order (codes, dates, enum order, ids); null keys last.' },
    LOW: { description: 'The low total; groups whose low is unknown (null) come last in either direction.' },
    BEST: { description: 'The best total; groups of unknown size only (best null) come last in either direction.' },
    HIGH: { description: 'The high total; groups without a ceiling (high null) count as the largest.' },
    RECORDS: { description: 'The number of records.' },
  },
});

export const StatsOrder = orderInputType<StatsOrderField>(
  'Stats',
  StatsOrderField,
  'Sort order for statistics groups; ties are broken by key.',
  SortDirection.DESC,
);
export type StatsOrder = InstanceType<typeof StatsOrder>;

export enum SeriesInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(SeriesInterval, {
  name: 'SeriesInterval',
  description: 'Width of each point of a time series.',
  valuesConfig: {
    DAY: { description: 'One point per day.' },
    WEEK: { description: 'One point per ISO week, starting on Monday.' },
    MONTH: { description: 'One point per calendar month.' },
  },
});
