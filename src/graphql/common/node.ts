import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeTypeName } from './global-id.js';
import { Reads } from './projection.js';

/** Every mapped row carries its GraphQL type name, so `Node` can be resolved without classes. */
export interface Typed {
  __typename: NodeTypeName;
}

@InterfaceType('Node', {
  description: 'An object with a global, opaque ID that `node(id:)` can fetch directly.',
  resolveType: (value: Typed) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global opaque identifier; stable across requests.' })
  @Reads()
  id!: string;
}
