/**
 * Warnings as short codes inside the parsers, their English sentences only on the contract path.
 *
 * The parsers push a code (`code`, or `code\targument` for the warnings that carry a value). `parsePage`
 * (the CLI, the tests, the contract output) turns every code into its sentence with `explainWarnings`;
 * `parseShownPage` (the content script, whose panel never shows warnings) leaves the codes, so this
 * module's sentence table stays out of every Dynasty page. A warning that is no code (a feed's, the
 * parser-error note) passes through unchanged.
 */

export const NOT_HTTP_ADDRESS = 'a';
export const NO_ADDRESS = 'b';
/** Argument: the page kind. */
export const KIND_FROM_CONTENT = 'c';
export const NOT_DYNASTY = 'd';
export const FEED_ADDRESS = 'e';
export const NOT_RECOGNIZED = 'f';
export const OFFICIAL_LAYOUT = 'g';
export const NO_TITLE = 'h';
/** Argument of the `*_FROM_*` codes: the id. */
export const ITEM_ID_FROM_FILE = 'i';
export const ITEM_ID_FROM_PDF = 'j';
export const MEETING_ID_FROM_FILE = 'k';
export const MEETING_ID_FROM_ITEMS = 'l';
export const ORGAN_ID_FROM_FILE = 'm';
export const NO_ITEM_HEADING = 'n';
export const HEADING_FROM_ROUND = 'o';
export const TITLE_NOT_BOLD = 'p';
export const AGENDA_DECISION = 'q';
export const NO_ITEM_ID = 'r';
export const NO_ORGAN_BY_HEADING = 's';
export const NO_DOCUMENT_KIND = 't';
export const NO_NUMBER = 'u';
export const NO_DECISION = 'v';
export const NO_DIARY = 'w';
export const NO_PROPOSAL = 'x';
export const NO_MARKER = 'y';
export const NO_CURRENT_ROUND = 'z';
export const RELATIVE_LINKS = 'A';
export const NOT_HTTP_LINKS = 'B';
export const NO_MEETING_HEADING = 'C';
export const NO_ITEM_LINKS = 'D';
export const NO_MEETING_PDF = 'E';
export const NO_MEETING_ID = 'F';
export const NO_ORGAN_NAME = 'G';
export const NO_MEETING_LINKS = 'H';
export const NO_ORGAN_LINKS = 'I';

const SENTENCES: Record<string, string> = {
  [NOT_HTTP_ADDRESS]: 'the page address is not an http(s) URL',
  [NO_ADDRESS]: 'no page address given: links are not resolved and the portal is unknown',
  [KIND_FROM_CONTENT]: 'page kind "$" recognized from its content',
  [NOT_DYNASTY]: 'the page does not look like a Dynasty page',
  [FEED_ADDRESS]: 'a feed address: parse the feed bytes with parseFeed, not as a page',
  [NOT_RECOGNIZED]: 'not a recognized Dynasty page',
  [OFFICIAL_LAYOUT]: 'officer decision pages have an unknown layout: only the title was read',
  [NO_TITLE]: 'title not found',
  [ITEM_ID_FROM_FILE]: 'item id $ taken from the file name (no page address given)',
  [ITEM_ID_FROM_PDF]: 'item id $ taken from the PDF link (no page address given)',
  [MEETING_ID_FROM_FILE]: 'meeting id $ taken from the file name (no page address given)',
  [MEETING_ID_FROM_ITEMS]: 'meeting id $ taken from the item links (no page address given)',
  [ORGAN_ID_FROM_FILE]: 'organ id $ taken from the file name (no page address given)',
  [NO_ITEM_HEADING]: 'no heading like "Pöytäkirja DD.MM.YYYY/Pykälä N" found: organ, date and § are unknown',
  [HEADING_FROM_ROUND]: 'no heading line: organ, date and § read from the first handling line',
  [TITLE_NOT_BOLD]: 'title is not bold: read from the line next to the handling line',
  [AGENDA_DECISION]: 'an agenda page shows text under a decision label: not taken as the decision',
  [NO_ITEM_ID]: 'item id unknown (no page address)',
  [NO_ORGAN_BY_HEADING]: 'organ not found next to the heading',
  [NO_DOCUMENT_KIND]: 'document kind (Pöytäkirja / Esityslista) not recognized',
  [NO_NUMBER]: 'neither § nor agenda number in the heading',
  [NO_DECISION]: 'no decision found on a minutes page',
  [NO_DIARY]: 'diary number not found',
  [NO_PROPOSAL]: 'no proposal found',
  [NO_MARKER]: 'no DATABEGIN / DATA_BEGIN marker: read the whole page',
  [NO_CURRENT_ROUND]: 'no handling line matches the heading date and §',
  [RELATIVE_LINKS]: 'relative links are left out: the page address is unknown',
  [NOT_HTTP_LINKS]: 'ignored links that are not http(s)',
  [NO_MEETING_HEADING]: 'no heading like "Pöytäkirja DD.MM.YYYY" found: organ, kind and date are unknown',
  [NO_ITEM_LINKS]: 'no item links found',
  [NO_MEETING_PDF]: 'meeting PDF link not found',
  [NO_MEETING_ID]: 'meeting id unknown (no page address)',
  [NO_ORGAN_NAME]: 'organ name not found',
  [NO_MEETING_LINKS]: 'no meeting links found',
  [NO_ORGAN_LINKS]: 'no organ links found',
};

/** A warning code with its value (`KIND_FROM_CONTENT`, the `*_FROM_*` codes). */
export function withValue(code: string, value: string): string {
  return `${code}\t${value}`;
}

/** The sentence of one warning (a code, or a code with its value); anything else as it is. */
export function warningText(warning: string): string {
  const tab = warning.indexOf('\t');
  const code = tab < 0 ? warning : warning.slice(0, tab);
  if (!Object.prototype.hasOwnProperty.call(SENTENCES, code)) return warning;
  const sentence = SENTENCES[code]!;
  return tab < 0 ? sentence : sentence.replace('$', () => warning.slice(tab + 1));
}

/** Every warning of a parsed page as its sentence, in place (the page is returned). */
export function explainWarnings<T extends { warnings: string[] }>(page: T): T {
  page.warnings = page.warnings.map(warningText);
  return page;
}
