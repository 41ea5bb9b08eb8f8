import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { ActorKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { instance } from '../../common/instance.js';
import { RevisionField } from '../../common/editorial.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { actors } from '../../../db/schema/index.js';

/** The columns Actor values are built from (see RowShape). */
export const actorShape = rowShape(actors, [
  'id',
  'name',
  'aliases',
  'kind',
  'title',
  'description',
  'countryCode',
  'parentId',
  'datasetId',
  'revision',
  'citationId',
]);
export type ActorRead = RowOf<typeof actorShape>;

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A person, government, armed force, militia, outlet or crowd that acts or speaks in the news.',
})
@actorShape.Type()
export class Actor implements Node {
  __typename!: 'Actor';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @actorShape.Reads('id')
  id!: string;

  @Field(() => String, { description: 'Canonical name, correctly spelled ("Nancy Pelosi").' })
  @actorShape.Reads('name')
  name!: string;

  @Field(() => [String], { description: 'Other spellings found in sources, misspellings included ("Peolsi"); search matches them.' })
  @actorShape.Reads('aliases')
  aliases!: string[];

  @Field(() => ActorKind, { description: 'What sort of actor this is.' })
  @actorShape.Reads('kind')
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'Title or role as reported ("Speaker of the House").' })
  @actorShape.Reads('title')
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  @actorShape.Reads('description')
  description!: string | null;

  @RevisionField(actorShape)
  revision!: number;

  row!: ActorRead;
}

export const toActor = (row: ActorRead): Actor =>
  instance(Actor, {
    __typename: 'Actor',
    id: toGlobalId('Actor', row.id),
    name: row.name,
    aliases: row.aliases,
    kind: row.kind,
    title: row.title,
    description: row.description,
    revision: row.revision,
    row,
  });

export const { Connection: ActorConnection } = connectionTypes(Actor, 'Actor');
