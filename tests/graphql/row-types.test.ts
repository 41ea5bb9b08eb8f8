import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GraphQLObjectType } from 'graphql';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { events } from '../../src/db/schema/index.js';
import { getSchema, buildAppSchema } from '../../src/graphql/schema.js';
import { fieldReads, Reads, rowShape } from '../../src/graphql/common/projection.js';
import type { CasualtyRow, EventRow } from '../../src/graphql/loaders.js';
import { casualtyShape, toCasualty, type Casualty, type CasualtyRead } from '../../src/graphql/modules/casualty/casualty.type.js';
import { actorShape } from '../../src/graphql/modules/actor/actor.type.js';
import { countryShape } from '../../src/graphql/modules/country/country.type.js';
import { deploymentShape } from '../../src/graphql/modules/deployment/deployment.type.js';
import { eventLinkShape, eventShape, participantShape, type EventRead } from '../../src/graphql/modules/event/event.type.js';
import { locationShape } from '../../src/graphql/modules/location/location.type.js';
import { quoteShape } from '../../src/graphql/modules/quote/quote.type.js';
import { reactionShape } from '../../src/graphql/modules/reaction/reaction.type.js';
import { citationShape, sourceShape } from '../../src/graphql/modules/source/source.type.js';

/*
 * Compile-time checks: tsconfig includes tests, so `npm run typecheck` fails when a line marked
 * @ts-expect-error compiles, i.e. when a resolver could read a column its type's fields do not declare.
 */
export function readsUndeclaredColumn(casualty: Casualty) {
  // @ts-expect-error `key` is read by no Casualty field, so a projected page does not fetch it.
  return casualty.row.key;
}
export function declaresColumnOutsideShape() {
  // @ts-expect-error a Casualty field may declare only the columns of casualtyShape.
  return casualtyShape.Reads('key');
}
export function buildsFromWholeRow(row: CasualtyRow) {
  // A whole row (a loader's) has every column a projected one has.
  return toCasualty(row);
}
export function readsWholeEventColumn(event: EventRead, whole: EventRow) {
  // @ts-expect-error `key` is not among the columns an Event is built from.
  void event.key;
  return whole.key;
}

const shapes = {
  Event: eventShape,
  EventParticipant: participantShape,
  EventLink: eventLinkShape,
  Actor: actorShape,
  Casualty: casualtyShape,
  Deployment: deploymentShape,
  Quote: quoteShape,
  Reaction: reactionShape,
  Source: sourceShape,
  Citation: citationShape,
  Location: locationShape,
  Country: countryShape,
};

describe('typed partial rows', () => {
  it('types a row as exactly its shape’s columns', () => {
    expectTypeOf<keyof CasualtyRead>().toEqualTypeOf<(typeof casualtyShape.keys)[number]>();
    expectTypeOf<EventRead['occurredOn']>().toEqualTypeOf<string>();
    expectTypeOf<keyof EventRead>().not.toEqualTypeOf<keyof EventRow>();
  });

  it('has each shape equal to what its type’s fields declare (the primary key aside)', async () => {
    const schema = await getSchema();
    for (const [name, shape] of Object.entries(shapes)) {
      const type = schema.getType(name) as GraphQLObjectType;
      const declared = new Set(
        Object.values(type.getFields()).flatMap((field) =>
          (fieldReads(type, field) ?? []).filter((r) => r.table === shape.table).flatMap((r) => r.columns),
        ),
      );
      const shaped = new Set<string>(shape.keys);
      expect(
        [...declared].filter((column) => !shaped.has(column)),
        `${name} reads outside its shape`,
      ).toEqual([]);
      expect(
        [...shaped].filter((column) => !declared.has(column) && column !== 'id'),
        `${name}'s shape has unread columns`,
      ).toEqual([]);
    }
  });

  it('refuses to build a schema whose row shape has a column no field reads', async () => {
    const probeShape = rowShape(events, ['id', 'title', 'summary']);
    @ObjectType({ description: 'A type whose shape promises `summary`, which none of its fields reads.' })
    @probeShape.Type()
    class ShapeProbe {
      @Field(() => String, { description: 'Declared.' })
      @probeShape.Reads('title')
      title!: string;
    }
    @Resolver(() => ShapeProbe)
    class ShapeProbeResolver {
      @Query(() => ShapeProbe, { description: 'The probe.' })
      @Reads()
      shapeProbe(): ShapeProbe {
        return { title: 'a' };
      }
    }
    await expect(buildAppSchema([ShapeProbeResolver])).rejects.toThrow('Row shape columns no field of the type reads: ShapeProbe: summary');
  });
});
