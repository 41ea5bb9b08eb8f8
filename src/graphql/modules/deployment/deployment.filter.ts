import { eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { deployments } from '../../../db/schema/index.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { attributedTo, fromSource, refersTo } from '../../common/fact-filter.js';
import type { DeploymentFilter } from './deployment.input.js';

/** Reports no later standing report supersedes: each troop movement once, at its latest status. */
export const isCurrentReport = sql`NOT EXISTS (SELECT 1 FROM deployments AS successor
  WHERE successor.supersedes_id = ${deployments.id} AND successor.retracted_at IS NULL)`;

/**
 * SQL conditions for a DeploymentFilter; the list and the statistics use the same ones. Retracted
 * reports count nowhere: only an admin's list (`includeRetracted`) shows them.
 */
export function deploymentConditions(filter: DeploymentFilter | null | undefined, includeRetracted = false): (SQL | undefined)[] {
  return [
    includeRetracted ? undefined : isNull(deployments.retractedAt),
    filter?.includeSuperseded ? undefined : isCurrentReport,
    dateRangeCondition(filter?.occurred, deployments, 'filter.occurred'),
    filter?.statuses?.length ? inArray(deployments.status, filter.statuses) : undefined,
    filter?.forceCountry ? eq(deployments.forceCountryCode, filter.forceCountry) : undefined,
    filter?.destinationCountry ? eq(deployments.destinationCountryCode, filter.destinationCountry) : undefined,
    refersTo(deployments.eventId, 'Event', filter?.event, 'filter.event'),
    filter?.qualifiers?.length ? inArray(deployments.figureQualifier, filter.qualifiers) : undefined,
    fromSource(deployments.citationId, filter?.source, 'filter.source'),
    attributedTo(deployments.citationId, filter?.attributedTo, 'filter.attributedTo'),
    refersTo(deployments.datasetId, 'Dataset', filter?.dataset, 'filter.dataset'),
  ];
}
