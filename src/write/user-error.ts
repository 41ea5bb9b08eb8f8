/**
 * Why a mutation did nothing, for the client to show next to the input that caused it
 * (Shopify's `userErrors`): business-rule failures are data, never top-level errors.
 */
export enum UserErrorCode {
  /** A value breaks a rule of its field (length, range, format, a figure's bounds against its qualifier). */
  INVALID = 'INVALID',
  /** A referenced ID names nothing, or something of another type. */
  NOT_FOUND = 'NOT_FOUND',
  /** `expectedRevision` is not the record's current revision: someone changed it since it was read. */
  STALE = 'STALE',
  /** The source's stored text does not contain the citation's passage. */
  PASSAGE_NOT_IN_SOURCE = 'PASSAGE_NOT_IN_SOURCE',
  /** The idempotency key was used before with a different input. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** The record is retracted and cannot be changed. */
  RETRACTED = 'RETRACTED',
  /** A retraction of a record that is retracted already (by whom and why: its `retracted`). */
  ALREADY_RETRACTED = 'ALREADY_RETRACTED',
  /** The actor was merged into another; use the survivor (a lookup of this ID answers it). */
  MERGED = 'MERGED',
  /** The change conflicts with another record (e.g. a deployment already superseded). */
  CONFLICT = 'CONFLICT',
}

export interface UserErrorValue {
  /** Path to the input field, e.g. ['input', 'figure', 'low']; empty for the input as a whole. */
  field: string[];
  message: string;
  code: UserErrorCode;
  /** For STALE: the record's current revision. */
  currentRevision?: number;
}

export const userError = (field: string[], code: UserErrorCode, message: string, extra: Partial<UserErrorValue> = {}): UserErrorValue => ({
  field,
  code,
  message,
  ...extra,
});
