import { BadUserInputError } from '../errors.js';

/** Types that implement `Node`; their IDs encode the type so `node(id)` knows where to look. */
export const nodeTypeNames = ['Event', 'Actor', 'Casualty', 'Deployment', 'Quote', 'Reaction', 'Source', 'Dataset'] as const;
export type NodeTypeName = (typeof nodeTypeNames)[number];

/** Opaque global ID: base64url("Event:42"). Clients must not parse it. */
export function toGlobalId(type: NodeTypeName, rowId: number): string {
  return Buffer.from(`${type}:${rowId}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeTypeName;
  rowId: number;
}

export function fromGlobalId(id: string, argument = 'id'): DecodedId {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(decoded);
  const type = match?.[1] as NodeTypeName | undefined;
  const rowId = Number(match?.[2]);
  if (!type || !nodeTypeNames.includes(type) || !Number.isSafeInteger(rowId) || rowId > 2147483647) {
    throw new BadUserInputError(`"${id}" is not a valid newsgraph ID.`, argument);
  }
  return { type, rowId };
}

/** Decodes an ID that must belong to one type (e.g. the `event` argument takes Event IDs only). */
export function rowIdOf(expected: NodeTypeName, id: string, argument = 'id'): number {
  const decoded = fromGlobalId(id, argument);
  if (decoded.type !== expected) {
    throw new BadUserInputError(`${argument} expects an ID of type ${expected}, but "${id}" is of type ${decoded.type}.`, argument);
  }
  return decoded.rowId;
}
