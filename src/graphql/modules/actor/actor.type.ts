import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { ActorKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import type { ActorRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { actors, eventActors, events } from '../../../db/schema/index.js';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A person, government, armed force, militia, outlet or crowd that acts or speaks in the news.',
})
export class Actor implements Node {
  __typename!: 'Actor';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  id!: string;

  @Field(() => String, { description: 'Canonical name, correctly spelled ("Nancy Pelosi").' })
  name!: string;

  @Field(() => [String], { description: 'Other spellings found in sources, misspellings included ("Peolsi"); search matches them.' })
  aliases!: string[];

  @Field(() => ActorKind, { description: 'What sort of actor this is.' })
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'Title or role as reported ("Speaker of the House").' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  description!: string | null;

  row!: ActorRow;
}

export const toActor = (row: ActorRow): Actor =>
  instance(Actor, {
    __typename: 'Actor',
    id: toGlobalId('Actor', row.id),
    name: row.name,
    aliases: row.aliases,
    kind: row.kind,
    title: row.title,
    description: row.description,
    row,
  });

// What each field reads of rows (see projection.ts).
declareColumnReads('Actor', {
  id: [reads(actors, 'id')],
  name: [reads(actors, 'name')],
  aliases: [reads(actors, 'aliases')],
  kind: [reads(actors, 'kind')],
  title: [reads(actors, 'title')],
  description: [reads(actors, 'description')],
  // Field resolvers (actor.resolver.ts): each follows the actor's key or one of its references;
  // `events` also reads the participations' roles and sorts the events by date.
  country: [reads(actors, 'countryCode')],
  parent: [reads(actors, 'parentId')],
  members: [reads(actors, 'id')],
  quotes: [reads(actors, 'id')],
  reactions: [reads(actors, 'id')],
  events: [reads(actors, 'id'), reads(eventActors, 'eventId', 'role'), reads(events, 'id', 'occurredOn')],
});

export const { Connection: ActorConnection } = connectionTypes(Actor, 'Actor');
