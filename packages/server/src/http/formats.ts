import { isIsoDate } from '@motcua/core';
import type { Ajv } from 'ajv';

/**
 * The years a date or an instant may name anywhere in the API. Wide enough for a birth date or a
 * procedure valid from 1990, narrow enough that no working calendar is ever computed for year 0 or 9999.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const inYears = (date: string) => {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};

/** `YYYY-MM-DD`, a day that exists (`2026-02-30` does not), in the years above. */
export function isApiDate(text: string): boolean {
  return isIsoDate(text) && inYears(text);
}

/** ISO-8601 with a zone offset, on a day that exists, in the years above. */
export function isApiDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  return match !== null && isApiDate(match[1]!) && !Number.isNaN(Date.parse(text));
}

/**
 * The one meaning of `format: date` and `format: date-time` for every schema of the API (body, query,
 * path): replaces the looser checks of ajv-formats, so an impossible date is refused at the edge with
 * 400 naming the field, and never reaches a calendar computation or the database.
 */
export function addStrictDateFormats(ajv: Ajv): void {
  ajv.addFormat('date', { type: 'string', validate: isApiDate });
  ajv.addFormat('date-time', { type: 'string', validate: isApiDateTime });
}
