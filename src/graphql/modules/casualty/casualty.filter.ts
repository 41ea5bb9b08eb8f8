import { eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { casualties } from '../../../db/schema/index.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { attributedTo, fromSource, refersTo } from '../../common/fact-filter.js';
import type { CasualtyFilter } from './casualty.input.js';

/**
 * SQL conditions for a CasualtyFilter; the list and the statistics use the same ones. Retracted
 * records count nowhere: only an admin's list (`includeRetracted`) shows them.
 */
export function casualtyConditions(filter: CasualtyFilter | null | undefined, includeRetracted = false): (SQL | undefined)[] {
  const standing = includeRetracted ? undefined : isNull(casualties.retractedAt);
  if (!filter) return [standing];
  return [
    standing,
    dateRangeCondition(filter.occurred, casualties, 'filter.occurred'),
    filter.kinds?.length ? inArray(casualties.kind, filter.kinds) : undefined,
    filter.country ? eq(casualties.victimCountryCode, filter.country) : undefined,
    refersTo(casualties.eventId, 'Event', filter.event, 'filter.event'),
    refersTo(casualties.affiliatedActorId, 'Actor', filter.actor, 'filter.actor'),
    filter.qualifiers?.length ? inArray(casualties.figureQualifier, filter.qualifiers) : undefined,
    fromSource(casualties.citationId, filter.source, 'filter.source'),
    attributedTo(casualties.citationId, filter.attributedTo, 'filter.attributedTo'),
    refersTo(casualties.datasetId, 'Dataset', filter.dataset, 'filter.dataset'),
  ];
}
