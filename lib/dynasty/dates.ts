/**
 * Dates as Dynasty prints them (`D.M.YYYY` or `DD.MM.YYYY`), for the page parsers and the feed parser
 * alike: one pattern source and one calendar check.
 */

/** A date as printed, `D.M.YYYY` or `DD.MM.YYYY`: day, month and year captured (one copy of the source for every pattern). */
export const DATE = String.raw`(\d{1,2})\.(\d{1,2})\.(\d{4})`;

/**
 * The date a `DATE` match captured (day, month, year in groups `at` to `at + 2`) in ISO form, or null
 * when it is not a real calendar date.
 */
export function isoDate(match: RegExpExecArray, at: number): string | null {
  const y = Number(match[at + 2]);
  const m = Number(match[at + 1]) - 1;
  // A day or month out of range rolls over into another month.
  const date = new Date(Date.UTC(y, m, Number(match[at])));
  return y < 1900 || y > 2200 || date.getUTCMonth() !== m ? null : date.toISOString().slice(0, 10);
}
