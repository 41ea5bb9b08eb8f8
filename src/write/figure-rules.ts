import { userError, UserErrorCode, type UserErrorValue } from './user-error.js';

export type Qualifier = 'EXACT' | 'APPROXIMATE' | 'AT_LEAST' | 'UP_TO' | 'UNKNOWN';

export interface FigureValue {
  low?: number | null;
  best?: number | null;
  high?: number | null;
  qualifier: Qualifier;
  wording: string;
}

/** Counts above this are typing errors, not news (no event killed 10 million people). */
export const MAX_FIGURE = 10_000_000;

/**
 * The figure rules the database enforces (src/db/schema/columns.ts, figureChecks), checked
 * before any SQL so the client hears which bound is wrong, with its path.
 */
export function figureErrors(figure: FigureValue, path: string[]): UserErrorValue[] {
  const errors: UserErrorValue[] = [];
  const bounds = { low: figure.low ?? null, best: figure.best ?? null, high: figure.high ?? null };
  for (const [name, value] of Object.entries(bounds)) {
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 0 || value > MAX_FIGURE) {
      errors.push(userError([...path, name], UserErrorCode.INVALID, `${name} must be a whole number from 0 to ${MAX_FIGURE}.`));
    }
  }
  if (!figure.wording.trim())
    errors.push(
      userError([...path, 'wording'], UserErrorCode.INVALID, 'wording must quote the source\'s words, e.g. "at least 12 killed".'),
    );
  if (errors.length) return errors;
  const { low, best, high } = bounds;
  if (low !== null && best !== null && low > best)
    errors.push(userError([...path, 'low'], UserErrorCode.INVALID, 'low must not exceed best.'));
  if (best !== null && high !== null && best > high)
    errors.push(userError([...path, 'high'], UserErrorCode.INVALID, 'high must not be below best.'));
  if (low !== null && high !== null && low > high)
    errors.push(userError([...path, 'high'], UserErrorCode.INVALID, 'high must not be below low.'));
  const need = (field: keyof typeof bounds, present: boolean, why: string) => {
    if ((bounds[field] !== null) !== present) errors.push(userError([...path, field], UserErrorCode.INVALID, why));
  };
  switch (figure.qualifier) {
    case 'EXACT':
      need('low', true, 'An EXACT figure sets low, best and high to the same number.');
      need('best', true, 'An EXACT figure sets low, best and high to the same number.');
      need('high', true, 'An EXACT figure sets low, best and high to the same number.');
      if (low !== null && (low !== best || best !== high)) {
        errors.push(userError([...path, 'high'], UserErrorCode.INVALID, 'An EXACT figure sets low, best and high to the same number.'));
      }
      break;
    case 'APPROXIMATE':
      need('best', true, 'An APPROXIMATE figure needs best (the number the source gives).');
      break;
    case 'AT_LEAST':
      need('low', true, 'An AT_LEAST figure needs low (the floor the source states).');
      need('high', false, 'An AT_LEAST figure is open-ended: leave high out.');
      break;
    case 'UP_TO':
      need('high', true, 'An UP_TO figure needs high (the ceiling the source states).');
      need('low', false, 'An UP_TO figure has no stated floor: leave low out.');
      break;
    case 'UNKNOWN':
      for (const field of ['low', 'best', 'high'] as const)
        need(field, false, 'An UNKNOWN figure has no numbers: leave low, best and high out.');
      break;
  }
  return errors;
}
