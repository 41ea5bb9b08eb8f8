import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { actors, citations } from '../../db/schema/index.js';
import { rowIdOf } from './global-id.js';

/** Facts whose citation comes from one source (a Source ID). */
export function fromSource(citationId: AnyPgColumn, sourceId: string | null | undefined, argument: string): SQL | undefined {
  if (!sourceId) return undefined;
  const id = rowIdOf('Source', sourceId, argument);
  return inArray(citationId, sql`(SELECT ${citations.id} FROM ${citations} WHERE ${citations.sourceId} = ${id})`);
}

/** Facts the article credits to one actor, e.g. everything "according to the AP" (an Actor ID). */
export function attributedTo(citationId: AnyPgColumn, actorId: string | null | undefined, argument: string): SQL | undefined {
  if (!actorId) return undefined;
  const id = rowIdOf('Actor', actorId, argument);
  return inArray(citationId, sql`(SELECT ${citations.id} FROM ${citations} WHERE ${citations.attributedToActorId} = ${id})`);
}

/** `column = rowId` for an optional ID argument of a given type. */
export function refersTo(
  column: AnyPgColumn,
  type: Parameters<typeof rowIdOf>[0],
  id: string | null | undefined,
  argument: string,
): SQL | undefined {
  return id ? sql`${column} = ${rowIdOf(type, id, argument)}` : undefined;
}

/** Facts by an actor of one country (ISO code), e.g. quotes whose speaker or reactions whose actor is Iranian. */
export function byActorOfCountry(actorId: AnyPgColumn, country: string | null | undefined): SQL | undefined {
  if (!country) return undefined;
  return inArray(actorId, sql`(SELECT ${actors.id} FROM ${actors} WHERE ${actors.countryCode} = ${country})`);
}
