import { ArgsType, ClassType, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Cost, ReadsNoRows } from './projection.js';

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in a connection (Relay cursor pagination).' })
@ReadsNoRows()
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when this page was requested with `after` (items precede it).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return (0–100, default 20).' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor: an `endCursor` or edge `cursor` of this connection in the same order (and grouping).',
  })
  after?: string | null;
}

/** What a resolver hands back for a connection; `totalCount` runs its COUNT only when selected. */
export interface ConnectionData<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Field resolvers of every connection type built so far; schema.ts registers them. */
export const connectionResolvers: ClassType[] = [];

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  // A page is read by the field that returns it; totalCount runs its own COUNT.
  @ReadsNoRows()
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;

    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor!: string;
  }

  @ReadsNoRows()
  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} items (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The items on this page, each with its cursor.' })
    @Cost('page')
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items on this page, without cursors (shortcut for `edges { node }`).' })
    @Cost('page')
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;
  }

  // The COUNT runs only when a client selects totalCount.
  @Resolver(() => Connection)
  class TotalCountResolver {
    @FieldResolver(() => Int, { description: 'How many items match the filter in all pages.' })
    totalCount(@Root() connection: ConnectionData<T>): Promise<number> {
      return connection.totalCount();
    }
  }
  connectionResolvers.push(TotalCountResolver);

  return { Edge, Connection };
}
