/**
 * Shared pieces of the page parsers: the heading line, label matching, round lines and the
 * diary number. Patterns are built once from the vocabulary in labels.ts.
 */
import { DATE, isoDate } from './dates';
import { DOCUMENT_KIND_WORDS, NUMBER_WORDS, SECTION_LABELS, type SectionLabel } from './labels';
import type { DocumentKind, Generation, HandlingRound } from './types';
import type { Anchor, Line } from './text';
import { dynastyIdOf } from './urls';
import { withValue } from './warnings';

/**
 * What a page parser knows besides the page's text: the first fields of every parsed page, in their
 * order in the output (a parser returns `{ kind, ...ctx, ... }`).
 */
export interface PageContext {
  url: string | null;
  portal: string | null;
  generation: Generation | null;
  warnings: string[];
}

/** An id found without the page address (in the saved file's name, in a link), said in a warning (`code`: whose id, from where). */
export function idTakenFrom(warnings: string[], code: string, id: string): string {
  warnings.push(withValue(code, id));
  return id;
}

/**
 * The page's own id: from its address, else `idHint` (an id known from elsewhere: the saved file's
 * name) with the warning `code`.
 */
export function pageIdOf(ctx: PageContext, idHint: string | null | undefined, code: string): string | null {
  const id = ctx.url ? dynastyIdOf(ctx.url) : null;
  return id || !idHint ? id : idTakenFrom(ctx.warnings, code, idHint);
}

/** Lines longer than this are body text: never headings, labels, round lines or diary numbers. */
export const SHORT = 300;

/** The document kind words as one alternation. */
export const DOC_WORDS = DOCUMENT_KIND_WORDS.map((w) => w.match).join('|');
const NUM_WORDS = NUMBER_WORDS.map((w) => w.match).join('|');

/**
 * The heading line: "Pöytäkirja 07.06.2021/Pykälä 210", "Esityslista 09.02.2026/Asianro 9",
 * "Pöytäkirja 17.01.2013 Pykälä 5", "Pöytäkirja 08.05.2017 klo 15:30 / Tarkastettu",
 * "Kokous 24.03.2003 / Pykälä 158".
 */
const HEADING = new RegExp(
  String.raw`^(?:(.{2,120}?)\s+)?(${DOC_WORDS})\s+${DATE}(?:\s*(?:klo\s*)?\d{1,2}[:.]\d{2})?(?:\s*(?:\/|\s)\s*(?:(${NUM_WORDS})\s*(\d{1,4})(?!\d).*|.*))?$`,
  'iu',
);

export interface Heading {
  /** Text before the document word on the same line (when organ and kind share a line). */
  organ: string | null;
  documentKind: DocumentKind | null;
  date: string | null;
  section: number | null;
  agendaNumber: number | null;
}

/**
 * Vocabulary entries as one alternation of whole texts, one capture group per entry (the entries' own
 * groups made non-capturing): one regex run tells which entry, the first that matches, a text is.
 */
function entriesRe(entries: readonly { match: string }[]): RegExp {
  return new RegExp(`^(?:${entries.map((e) => `(${e.match.replace(/(?<!\\)\((?!\?)/g, '(?:')})`).join('|')})$`, 'iu');
}

/** The entry of `entries` (compiled by `entriesRe` into `re`) that the whole of `text` is, or undefined. */
function entryOf<T>(re: RegExp, entries: readonly T[], text: string): T | undefined {
  const m = re.exec(text);
  if (m) for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return entries[g - 1];
  return undefined;
}

const KIND_RE = entriesRe(DOCUMENT_KIND_WORDS);
const NUMBER_RE = entriesRe(NUMBER_WORDS);
const HEADING_HINT = new RegExp(`${DOC_WORDS}`, 'iu');

export function parseHeading(text: string): Heading | null {
  if (text.length > SHORT || !HEADING_HINT.test(text)) return null;
  const m = HEADING.exec(text);
  if (!m) return null;
  const kindEntry = entryOf(KIND_RE, DOCUMENT_KIND_WORDS, m[2]!);
  const date = isoDate(m, 3);
  if (!date) return null;
  let section: number | null = null;
  let agendaNumber: number | null = null;
  if (m[6] && m[7]) {
    const numberEntry = entryOf(NUMBER_RE, NUMBER_WORDS, m[6]);
    const n = Number(m[7]);
    if (numberEntry?.field === 'agendaNumber') agendaNumber = n;
    else section = n;
  }
  return { organ: m[1] ? m[1].trim() : null, documentKind: kindEntry?.kind ?? null, date, section, agendaNumber };
}

/**
 * The organ printed on its own line right before a heading line, or null. Only plain text on the
 * same side of the DATABEGIN marker as the heading: a navigation link ("Etusivu") or the site's own
 * chrome above the marker is not an organ.
 */
export function organBefore(lines: readonly Line[], headingAt: number, anchors: readonly { line: number; text: string }[]): string | null {
  if (headingAt <= 0) return null;
  const prev = lines[headingAt - 1]!;
  const text = prev.text;
  if (prev.inData !== lines[headingAt]!.inData) return null;
  // Any colon rules out addresses (https:) and labels alike; a bar, breadcrumbs.
  if (text.length > 120 || /RSS|Dynasty tietopalvelu|[|:]/i.test(text) || !/\p{L}/u.test(text) || parseHeading(text)) return null;
  if (anchors.some((a) => a.line === headingAt - 1 && a.text === text)) return null;
  return text;
}

export interface HeadingAt {
  heading: Heading;
  /** Its line. */
  index: number;
  organ: string | null;
}

/**
 * The page's heading line: the first that `wanted` accepts, else (with `fallback`) the first at all.
 * Its organ is the text before the document word (of a breadcrumb "A | B", the last part), else the
 * line above it (`organBefore`).
 */
export function findHeading(lines: Line[], anchors: readonly Anchor[], wanted: (heading: Heading) => boolean, fallback: boolean): HeadingAt | null {
  let first: HeadingAt | null = null;
  for (let i = 0; i < lines.length; i++) {
    // parseHeading leaves lines longer than SHORT alone.
    const heading = parseHeading(lines[i]!.text);
    if (!heading) continue;
    const ok = wanted(heading);
    if (!ok && (first || !fallback)) continue;
    let organ = heading.organ;
    if (organ?.includes('|')) organ = organ.split('|').map((s) => s.trim()).filter(Boolean).pop() ?? null;
    organ ??= organBefore(lines, i, anchors);
    const found = { heading, index: i, organ };
    if (ok) return found;
    first = found;
  }
  return first;
}

/**
 * A handling-round line: "Kh 07.06.2021 § 210", "Hallitus 18.09.2020 § 94" (date, then §: groups 2-5),
 * "Kaupunginhallitus § 158 24.03.2003" (§, then date: groups 6-9). No line can end both ways (a § number
 * against a year after a dot), so one pattern finds what the two shapes would, one after the other.
 */
const ROUND = new RegExp(String.raw`^([\p{L}][\p{L}\d/.&()' -]{0,78}?)\s+(?:${DATE}\s*§\s*(\d{1,4})|§\s*(\d{1,4})\s+${DATE})$`, 'u');
const ORGAN_ONLY = /^[\p{L}][\p{L}/.&()' -]{1,79}$/u;
/** A line that is only a § number ("§ 12"). */
export const SECTION_ONLY = /^§\s*(\d{1,4})$/u;
const DATE_ONLY = new RegExp(`^${DATE}$`);
const ENDS_DIGIT = /\d$/;

export interface RoundAt extends HandlingRound {
  line: number;
  /** 'line': "Kh 07.06.2021 § 210" on one line; 'triple': organ / § N / date on three lines (static pages). */
  form: 'line' | 'triple';
}

function plausibleOrgan(organ: string): boolean {
  const words = organ.split(' ');
  return words.length <= 7 && !/[:;,!?]$/.test(organ) && !/\b(?:on|oli|ovat|että|mukaan|kokouksessaan)\b/i.test(organ);
}

/** Adds a round unless one with its date and § is there already. */
function addRound(rounds: RoundAt[], r: RoundAt): void {
  for (const other of rounds) if (other.date === r.date && other.section === r.section) return;
  rounds.push(r);
}

/**
 * Every handling-round marker among the lines at `at` (indexes into `lines`, in page order; the three-line
 * form reads neighbours in `at`), duplicates of date + § dropped. A round's `line` indexes `lines`.
 */
export function findRounds(lines: Line[], at: number[]): RoundAt[] {
  const rounds: RoundAt[] = [];
  for (let k = 0; k < at.length; k++) {
    const i = at[k]!;
    const line = lines[i]!;
    if (!line.inData || line.text.length > SHORT || !line.text.includes('§')) continue;
    for (const cell of line.cells.length > 1 ? [...line.cells, line.text] : [line.text]) {
      // Both shapes end in a digit (the § number or the year): anything else is not a round line.
      if (!ENDS_DIGIT.test(cell)) continue;
      const m = ROUND.exec(cell);
      if (m && plausibleOrgan(m[1]!)) {
        const dateFirst = m[2] !== undefined;
        addRound(rounds, { organ: m[1]!.trim(), date: isoDate(m, dateFirst ? 2 : 7), section: Number(dateFirst ? m[5] : m[6]), line: i, form: 'line' });
        break;
      }
    }
    // Three lines: organ / § N / date (static pages, Kittilä's history table).
    const s = SECTION_ONLY.exec(line.text);
    if (s && k > 0 && k + 1 < at.length) {
      const organ = lines[at[k - 1]!]!.text;
      const d = DATE_ONLY.exec(lines[at[k + 1]!]!.text);
      if (d && ORGAN_ONLY.test(organ) && plausibleOrgan(organ)) {
        addRound(rounds, { organ, date: isoDate(d, 1), section: Number(s[1]), line: at[k - 1]!, form: 'triple' });
      }
    }
  }
  return rounds;
}

/** A diary (registry) number printed on its own: 5767/00.01.02.00/2021, 730/2017, Dnro 12/2020. */
export const DIARY = /^(?:(?:Dnr?o|Diaari(?:nro|numero)|Asianumero)\.?:?\s*)?(\d{1,7}\/(?:\d{1,2}(?:\.\d{1,2}){0,6}\/)?\d{4})$/iu;
/** A task classification printed apart: 00.01.01.00. */
export const CLASSIFICATION = /^(\d{2}(?:\.\d{2}){1,6})$/;

/** All labels in one alternation: one regex run per candidate. */
const LABELS_RE = entriesRe(SECTION_LABELS);
/** Longest possible label in characters; longer leading segments are not labels. */
const MAX_LABEL = 90;
/** Every label starts with a letter. */
const STARTS_LETTER = /^\p{L}/u;

export interface LabelHit {
  /** The label as printed, without a trailing colon. */
  label: string;
  def: SectionLabel;
  /** Text after the label on the same line ('' when the label stands alone). */
  rest: string;
}

/** A label candidate as printed, without a trailing colon and surrounding whitespace. */
function bare(candidate: string): string {
  return (candidate.endsWith(':') ? candidate.slice(0, -1) : candidate).trim();
}

/** The label entry a bare candidate is, or null: one run of the combined alternation. */
function labelDef(text: string): SectionLabel | null {
  if (!text || text.length > MAX_LABEL || !STARTS_LETTER.test(text)) return null;
  return entryOf(LABELS_RE, SECTION_LABELS, text) ?? null;
}

/**
 * Is this line a section label? Only when the label stands alone, ends in a colon, or is its own
 * element (a <b>, <span> or <td>): "Päätös maa-aineslain 4 §:n mukaisesta lupahakemuksesta" in running
 * text is not a label. Pure: a parser that asks about a line more than once keeps the answer itself.
 */
export function labelOf(line: Line): LabelHit | null {
  const text = line.text;
  if (text.length > SHORT * 20) return null;
  // 1. The whole line, optionally with a colon.
  const wholeBare = bare(text);
  const whole = labelDef(wholeBare);
  if (whole) return { label: wholeBare, def: whole, rest: '' };
  // 2. First segment (or cell) is the label; the rest of the line follows it. A candidate equal to
  // one already tried has the same answer (no match), so it is not run again.
  const first = line.first;
  const firstDef = first && first !== text ? labelDef(bare(first)) : null;
  const firstHit = firstDef && leading(text, first!, firstDef, first!.endsWith(':') || line.segments > 1);
  if (firstHit) return firstHit;
  // 2b. The label and its text in one text run, apart by a layout gap (tab or no-break spaces).
  const lead = line.lead;
  const leadHit = lead && leading(text, lead, labelDef(bare(lead)), true);
  if (leadHit) return leadHit;
  if (line.cells.length > 1) {
    const cell = line.cells[0]!;
    const def = cell === first ? firstDef : labelDef(bare(cell));
    if (def) return { label: bare(cell), def, rest: line.cells.slice(1).join(' ') };
  }
  // 3. "Label: text" in one text run.
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= MAX_LABEL) {
    const label = text.slice(0, colon).trim();
    const def = labelDef(label);
    if (def) {
      const rest = text.slice(colon + 1).trim();
      if (!def.strict || rest.length >= 20) return { label, def, rest };
    }
  }
  return null;
}

/**
 * `part` (the line's first segment or leading text run) as the label `def`, with the rest of the line
 * after it; a strict label only when `strictOk` and at least 20 characters follow.
 */
function leading(text: string, part: string, def: SectionLabel | null, strictOk: boolean): LabelHit | null {
  if (!def) return null;
  const rest = text.slice(text.indexOf(part) + part.length).replace(/^\s*:?\s*/, '');
  return !def.strict || (rest.length >= 20 && strictOk) ? { label: bare(part), def, rest } : null;
}

/** A separator between handling rounds: a line of underscores. */
export function isSeparator(text: string): boolean {
  return /^_{4,}$/.test(text);
}

/** Does the text start with a label of up to five words ("Päätösehdotus Hyvinvointialuejohtaja ...")? */
export function startsWithLabel(text: string): boolean {
  // Every candidate starts where the text does: when that is no letter, none is a label.
  if (!STARTS_LETTER.test(text.trimStart())) return false;
  // The candidates end where the first five words (split at single spaces) do, the last one at the end of
  // the text when it has fewer: longest first.
  const words = text.split(' ', 5);
  for (let n = words.length; n > 0; n--) {
    const def = labelDef(bare(words.slice(0, n).join(' ')));
    if (def && !def.strict) return true;
  }
  return false;
}
