import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { deployments } from '../../../db/schema/index.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { attributedTo, fromSource, refersTo } from '../../common/fact-filter.js';
import type { DeploymentFilter } from './deployment.input.js';

/** Reports no later report supersedes: each troop movement once, at its latest status. */
export const isCurrentReport = sql`NOT EXISTS (SELECT 1 FROM deployments AS successor WHERE successor.supersedes_id = ${deployments.id})`;

/** SQL conditions for a DeploymentFilter; the list and the statistics use the same ones. */
export function deploymentConditions(filter: DeploymentFilter | null | undefined): (SQL | undefined)[] {
  return [
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
