import type { ClassType } from 'type-graphql';

/**
 * Builds a mapped object as an instance of its GraphQL class. type-graphql converts any other
 * object into a fresh instance (copying every property) each time one of its field resolvers
 * runs; an instance passes through as is.
 */
export function instance<T extends object>(type: ClassType<T>, properties: T): T {
  return Object.assign(new type(), properties);
}
