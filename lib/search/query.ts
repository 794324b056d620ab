/**
 * Query routing: a query that looks like an identifier goes to exact lookups before full text.
 * Recognised: diary numbers (`5767/2021`, `5767/00.01.02.00/2021`), sections (`§ 210`, `210 §`,
 * `kh 210`, `khall § 45`), dates (`7.6.2021`, `07.06.2021`, `2021-06-07`). Whatever is left is text.
 */
import { normalize } from './analyze';

export interface DiaryRef {
  number: string;
  classification: string | null;
  year: string;
}

export interface ParsedQuery {
  diary: DiaryRef | null;
  section: number | null;
  /** Organ abbreviation or name written before a section number (`kh 210`), lower case. */
  organHint: string | null;
  date: string | null;
  /** The remaining free text. */
  text: string;
}

const DIARY = /(?<![\d/])(\d{1,6})\s*\/\s*(?:(\d{1,2}(?:\.\d{1,2}){0,5})\s*\/\s*)?((?:19|20)\d{2})(?![\d/])/;
const DATE_FI = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d])/;
const DATE_ISO = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/;
const SECTION_SIGN = /§\s*(\d{1,4})(?!\d)|(?<!\d)(\d{1,4})\s*§/;
/** `kh 210`, `kv 12`, `tela 4`: a short organ abbreviation followed by a number, the whole query. */
const ABBREVIATED_SECTION = /^([a-zåäö][a-zåäö-]{0,14})\.?\s+(?:§\s*)?(\d{1,4})$/;

export function parseQuery(raw: string): ParsedQuery {
  let text = normalize(raw).trim();
  const result: ParsedQuery = { diary: null, section: null, organHint: null, date: null, text: '' };

  const diary = DIARY.exec(text);
  if (diary) {
    result.diary = { number: diary[1]!, classification: diary[2] ?? null, year: diary[3]! };
    text = cut(text, diary);
  }
  const fi = DATE_FI.exec(text);
  if (fi && validDate(fi[3]!, fi[2]!, fi[1]!)) {
    result.date = `${fi[3]}-${pad(fi[2]!)}-${pad(fi[1]!)}`;
    text = cut(text, fi);
  } else {
    const iso = DATE_ISO.exec(text);
    if (iso && validDate(iso[1]!, iso[2]!, iso[3]!)) {
      result.date = `${iso[1]}-${iso[2]}-${iso[3]}`;
      text = cut(text, iso);
    }
  }
  const sign = SECTION_SIGN.exec(text);
  if (sign) {
    result.section = Number(sign[1] ?? sign[2]);
    text = cut(text, sign);
    const before = text.trim().split(/\s+/);
    // "khall § 45": a single short word left over names the organ.
    if (before.length === 1 && before[0] && before[0].length <= 6 && /^[a-zåäö]+$/.test(before[0])) {
      result.organHint = before[0];
      text = '';
    }
  } else {
    const abbreviated = ABBREVIATED_SECTION.exec(text.trim());
    if (abbreviated && looksLikeOrganAbbreviation(abbreviated[1]!)) {
      result.organHint = abbreviated[1]!;
      result.section = Number(abbreviated[2]);
      text = '';
    }
  }
  result.text = text.replace(/\s+/g, ' ').trim();
  return result;
}

export function isIdentifierQuery(q: ParsedQuery): boolean {
  return q.diary !== null || q.section !== null || q.date !== null;
}

/** Compares a stored diary number with a queried one: number and year must agree; class if given. */
export function diaryMatches(stored: string | null, ref: DiaryRef): boolean {
  if (!stored) return false;
  const m = DIARY.exec(normalize(stored));
  if (!m) return false;
  if (m[1]!.replace(/^0+/, '') !== ref.number.replace(/^0+/, '') || m[3] !== ref.year) return false;
  return ref.classification === null || m[2] === ref.classification;
}

/** Known short forms of organ names as printed in Dynasty headers (Kh, Khall, Kvalt, Teknltk, …). */
const ABBREVIATIONS: Record<string, string[]> = {
  kh: ['kaupunginhallitus', 'kunnanhallitus'],
  khall: ['kaupunginhallitus', 'kunnanhallitus'],
  khal: ['kaupunginhallitus', 'kunnanhallitus'],
  kv: ['kaupunginvaltuusto', 'kunnanvaltuusto'],
  kvalt: ['kaupunginvaltuusto', 'kunnanvaltuusto'],
  kval: ['kaupunginvaltuusto', 'kunnanvaltuusto'],
  valt: ['kaupunginvaltuusto', 'kunnanvaltuusto', 'valtuusto'],
  ah: ['aluehallitus'],
  av: ['aluevaltuusto'],
  tela: ['tekninen lautakunta'],
  teknltk: ['tekninen lautakunta'],
  tekltk: ['tekninen lautakunta'],
  tltk: ['tekninen lautakunta'],
  rymla: ['rakennus- ja ympäristölautakunta'],
  ymla: ['ympäristölautakunta'],
  sila: ['sivistyslautakunta'],
  sivla: ['sivistyslautakunta'],
  sitla: ['sivistys- ja tulevaisuuslautakunta'],
  tark: ['tarkastuslautakunta'],
  tarkltk: ['tarkastuslautakunta'],
  kaavtmk: ['kaavatoimikunta'],
  maaseltk: ['maaseutulautakunta'],
  hall: ['hallitus'],
};

function looksLikeOrganAbbreviation(word: string): boolean {
  return word in ABBREVIATIONS || (word.length >= 2 && word.length <= 8 && !/[0-9]/.test(word));
}

/** Whether an organ name matches what the user wrote before a § (abbreviation, initials or name start). */
export function organMatches(organ: string | null, hint: string | null): boolean {
  if (!hint) return true;
  if (!organ) return false;
  const name = normalize(organ);
  const known = ABBREVIATIONS[hint];
  if (known) return known.some((k) => name === k || name.endsWith(k));
  if (name.startsWith(hint)) return true;
  return initials(name) === hint;
}

/** "Kaupunginhallitus" -> "kh", "Tekninen lautakunta" -> "tl": initials of words and compound heads. */
function initials(name: string): string {
  const heads = ['hallitus', 'valtuusto', 'lautakunta', 'jaosto', 'toimikunta', 'neuvosto', 'johtokunta'];
  let out = '';
  for (const word of name.split(/[\s-]+/).filter((w) => w && w !== 'ja')) {
    const head = heads.find((h) => word.endsWith(h) && word.length > h.length);
    out += word[0]!;
    if (head) out += head[0]!;
  }
  return out;
}

function cut(text: string, m: RegExpExecArray): string {
  return `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
}

function pad(s: string): string {
  return s.padStart(2, '0');
}

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return Number(y) >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
