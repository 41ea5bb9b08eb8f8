import { registerEnumType } from 'type-graphql';

/** What a signed-in user may do; reading needs no role. ADMIN includes everything EDITOR may. */
export enum Role {
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a signed-in user may do. Reading needs no role; ADMIN may do everything EDITOR may.',
  valuesConfig: {
    EDITOR: { description: 'Creates events, sources and actors, reports and revises figures, adds quotes and reactions.' },
    ADMIN: { description: 'Also retracts records, merges actors and manages datasets.' },
  },
});

/** Who is asking: nobody, or a verified token's subject with the roles its claim grants. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly subject: string;
      readonly roles: ReadonlySet<Role>;
      /** When the token stops being accepted (ms since the epoch, clock skew included): a WebSocket closes then. */
      readonly expiresAt?: number;
    };

export const anonymous: Viewer = Object.freeze({ kind: 'anonymous' });

/** True when the viewer holds every role asked for (ADMIN counts as EDITOR too). */
export function holdsRoles(viewer: Viewer, wanted: readonly Role[]): boolean {
  if (viewer.kind !== 'user') return false;
  return wanted.every((role) => viewer.roles.has(role) || viewer.roles.has(Role.ADMIN));
}

/** Retracted records are withdrawn from readers and editors alike; admins still see them (docs/editing.md). */
export const seesRetracted = (viewer: Viewer): boolean => holdsRoles(viewer, [Role.ADMIN]);

/**
 * Reads roles from a claim that may be a string ("editor"), a space- or comma-separated list, or
 * an array; case does not matter and names it does not know are ignored, never guessed.
 */
export function rolesFromClaim(value: unknown): Set<Role> {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = new Set<Role>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const role = (Object.values(Role) as string[]).includes(name.trim().toUpperCase()) ? (name.trim().toUpperCase() as Role) : undefined;
    if (role) roles.add(role);
  }
  return roles;
}

/** Reads a claim by name; a name with dots that is not a top-level claim is followed as a path (e.g. `realm_access.roles`). */
export function claimAt(payload: Record<string, unknown>, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
