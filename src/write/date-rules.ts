import { userError, UserErrorCode, type UserErrorValue } from './user-error.js';

/** A date as the writers receive it: the day (or first day, or earliest day), its precision, and a RANGE's end. */
export interface FuzzyDateValue {
  date: string;
  precision: 'DAY' | 'MONTH' | 'YEAR' | 'RANGE';
  end?: string | null | undefined;
}

/** True for a real calendar day `YYYY-MM-DD` of year 1 or later (no 2019-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const parsed = new Date(Date.UTC(2000, month - 1, day));
  // Month lengths from a leap year, then February of the year itself.
  if (parsed.getUTCMonth() !== month - 1) return false;
  return !(month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)));
}

/**
 * A MONTH or YEAR date names its period by its first day, as the database requires; only a
 * RANGE has an end, not before its start. Callers whose input is not typed as a calendar date
 * (the importer) check that with isCalendarDate first.
 */
export function dateErrors(date: FuzzyDateValue, field: string[]): UserErrorValue[] {
  if (date.precision === 'RANGE') {
    if (!date.end) return [userError([...field, 'end'], UserErrorCode.INVALID, 'A RANGE date needs `end`, the latest possible day.')];
    if (date.end < date.date) return [userError([...field, 'end'], UserErrorCode.INVALID, '`end` must not be before `date`.')];
    return [];
  }
  if (date.end) return [userError([...field, 'end'], UserErrorCode.INVALID, 'Only a RANGE date takes `end`; the precision implies it.')];
  const [, month, day] = date.date.split('-');
  if (date.precision === 'MONTH' && day !== '01') {
    return [userError([...field, 'date'], UserErrorCode.INVALID, 'A MONTH-precise date is the first day of its month, e.g. 2020-01-01.')];
  }
  if (date.precision === 'YEAR' && (month !== '01' || day !== '01')) {
    return [userError([...field, 'date'], UserErrorCode.INVALID, 'A YEAR-precise date is the first day of its year, e.g. 2020-01-01.')];
  }
  return [];
}
