import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { ForbiddenError, UnauthenticatedError } from '../graphql/errors.js';
import { holdsRoles, type Role } from './roles.js';

/**
 * The one authorization rule, for every `@Authorized(...)` field: anonymous callers are
 * UNAUTHENTICATED (401), signed-in callers without the role are FORBIDDEN (403).
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  if (context.viewer.kind !== 'user') throw new UnauthenticatedError();
  if (roles.length && !holdsRoles(context.viewer, roles)) throw new ForbiddenError(roles);
  return true;
};
