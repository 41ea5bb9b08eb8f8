import { eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { deployments } from '../../../db/schema/index.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { attributedTo, fromSource, refersTo } from '../../common/fact-filter.js';
import type { DeploymentFilter } from './deployment.input.js';
import { deploymentsAsOf } from '../stats/as-of.js';

/** The reports to look for successors in: the table, or (for totals as of a past time) the table as it stood then. */
const successors = (asOf: Date | undefined) => (asOf ? deploymentsAsOf(asOf, 'successor') : sql`deployments AS successor`);

/** Reports no later standing report supersedes: each troop movement once, at its latest status. */
const isCurrentReport = (asOf: Date | undefined) => sql`NOT EXISTS (SELECT 1 FROM ${successors(asOf)}
  WHERE successor.supersedes_id = ${deployments.id} AND successor.retracted_at IS NULL)`;

/**
 * SQL conditions for a DeploymentFilter; the list and the statistics use the same ones. Retracted
 * reports count nowhere: only an admin's list (`includeRetracted`) shows them. With `asOf`, the
 * statements read the reports as they stood then (as-of.ts), and so must the supersession test.
 */
export function deploymentConditions(
  filter: DeploymentFilter | null | undefined,
  includeRetracted = false,
  asOf?: Date,
): (SQL | undefined)[] {
  return [
    includeRetracted ? undefined : isNull(deployments.retractedAt),
    filter?.includeSuperseded ? undefined : isCurrentReport(asOf),
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
