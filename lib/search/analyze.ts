/**
 * Finnish text analysis for the search index: normalisation, tokenisation, stop words and stemming.
 *
 * Stemming is the Finnish Snowball algorithm (from `@orama/stemmers`, chosen by measurement: the three
 * npm ports tried give identical stems on the fixtures' 1,375 distinct words; this one is 7.5 kB bundled
 * against 67 kB and 334 kB, and 8x faster than `snowball-stemmers`), followed by a small "conflation"
 * step for what Snowball leaves apart in municipal Finnish: the -s/-kse- nouns (päätös, päätöksen),
 * nt/nn gradation (lautakunta, lautakunnan) and t/d gradation (päiväkoti, päiväkodin). The step was kept
 * because it raised recall@10 on the labelled queries (see bench/search.bench.ts) without false merges
 * on the test groups in tests/unit/search/analyze.test.ts.
 */
import { stemmer as snowballFi } from '@orama/stemmers/finnish';

/** Lower case, Unicode NFC, and the few look-alike characters Dynasty pages use. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\u00a0/g, ' ');
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Words and numbers in reading order, normalised; positions are offsets into the original text. */
export function tokenize(text: string): string[] {
  return normalize(text).match(TOKEN) ?? [];
}

/** Tokens with their offsets in the original string (for snippets); the text must be NFC already. */
export function tokenizeWithOffsets(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  const lower = text.toLowerCase();
  // toLowerCase keeps the length for the Finnish and Swedish alphabets, so offsets stay valid.
  const sameLength = lower.length === text.length;
  const source = sameLength ? lower : text;
  for (const m of source.matchAll(TOKEN)) {
    out.push({ token: sameLength ? m[0] : m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Very frequent Finnish function words: not indexed, dropped from queries. */
export const STOP_WORDS = new Set(
  (
    'ja on ei se että tai sekä kuin mutta jos niin myös jo vain ovat oli ole olla ollut olisi sen sitä sille siitä ' +
    'joka jotka jonka joita johon jossa josta jolle mitä mikä miten kun kuten nyt sekä eli ne nämä tämä tässä tästä ' +
    'tähän näin he hän me te minä sinä siis vielä voi voidaan osalta mukaan kanssa sekä the och att det är'
  ).split(' '),
);

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

const VOWELS = 'aeiouyäöå';

/** The Finnish stem used as an index term; memoised (the same words recur endlessly in minutes). */
export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  cached = conflate(word.length < 3 || /\d/.test(word) ? word : snowballFi(word));
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, cached);
  return cached;
}

/** Post-Snowball conflation of stems that Snowball leaves apart (see the file comment). */
export function conflate(s: string): string {
  if (s.length < 5) return s;
  if (s.endsWith('ks') && VOWELS.includes(s[s.length - 3]!)) return s.slice(0, -2);
  const last = s[s.length - 1]!;
  const prev = s[s.length - 2]!;
  if (last === 's' && VOWELS.includes(prev)) return s.slice(0, -1);
  if (last === 't' && prev === 'n') return s.slice(0, -1);
  if ((last === 't' || last === 'd') && VOWELS.includes(prev)) return s.slice(0, -1);
  return s;
}

/** Index terms of a text: stems of the non-stop-word tokens. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (STOP_WORDS.has(token)) continue;
    out.push(stem(token));
  }
  return out;
}
