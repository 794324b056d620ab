import { describe, expect, it } from 'vitest';
import { stem, tokenize } from '@/lib/search/analyze';
import { diaryMatches, organMatches, parseQuery } from '@/lib/search/query';
import { markTokens, snippet } from '@/lib/search/snippet';
import { highlighter } from '@/lib/search/index';
import { realSentences } from './corpus';

/** Inflected forms a reader expects to find each other. */
const GROUPS = [
  ['kouluverkko', 'kouluverkon', 'kouluverkkoa', 'kouluverkossa', 'kouluverkkoon', 'kouluverkot'],
  ['päätös', 'päätöksen', 'päätöstä', 'päätökset', 'päätöksessä'],
  ['kaupunginhallitus', 'kaupunginhallituksen', 'kaupunginhallitukselle', 'kaupunginhallitusta'],
  ['lautakunta', 'lautakunnan', 'lautakunnalle', 'lautakuntaa', 'lautakunnassa'],
  ['talousarvio', 'talousarvion', 'talousarviota', 'talousarvioon'],
  ['asemakaava', 'asemakaavan', 'asemakaavaa', 'asemakaavassa'],
  ['päiväkoti', 'päiväkodin', 'päiväkotia', 'päiväkodissa'],
  ['sopimus', 'sopimuksen', 'sopimusta', 'sopimukset'],
  ['kokous', 'kokouksen', 'kokousta', 'kokouksessa'],
];

describe('Finnish analysis', () => {
  it('keeps the first letter of every word in its stem (snippet highlighting stems only words starting like a query stem)', () => {
    const words = new Set(tokenize(realSentences().join(' ')));
    for (const word of ['päätösvaltainen', 'lautakunnan', 'päiväkodin', 'päätöksen', 'äänestys', 'öljylämmitys', 'yö', 'ja', '2024']) words.add(word);
    expect(words.size).toBeGreaterThan(300);
    const changed = [...words].filter((w) => stem(w)[0] !== w[0]);
    expect(changed).toEqual([]);
  });

  it('tokenises Finnish text, keeping å ä ö and numbers', () => {
    expect(tokenize('Kh 07.06.2021 § 210: Päätösehdotus – Ympäristölautakunta')).toEqual(['kh', '07', '06', '2021', '210', 'päätösehdotus', 'ympäristölautakunta']);
  });

  it.each(GROUPS)('conflates the inflections of %s', (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1);
  });

  it('keeps different words apart', () => {
    const heads = GROUPS.map((g) => stem(g[0]!));
    expect(new Set(heads).size).toBe(heads.length);
    expect(stem('kunta')).not.toBe(stem('kunto'));
  });
});

describe('identifier routing', () => {
  it('recognises diary numbers with and without classification', () => {
    expect(parseQuery('5767/2021')).toMatchObject({ diary: { number: '5767', classification: null, year: '2021' }, text: '' });
    expect(parseQuery('5767/00.01.02.00/2021').diary).toEqual({ number: '5767', classification: '00.01.02.00', year: '2021' });
    expect(parseQuery('dnro 172/00.01.01/2021 kaava')).toMatchObject({ diary: { number: '172' }, text: 'dnro kaava' });
  });

  it('recognises § and organ-abbreviated sections', () => {
    expect(parseQuery('§ 210')).toMatchObject({ section: 210, organHint: null, text: '' });
    expect(parseQuery('210 §')).toMatchObject({ section: 210 });
    expect(parseQuery('kh 210')).toMatchObject({ section: 210, organHint: 'kh', text: '' });
    expect(parseQuery('Khall § 45')).toMatchObject({ section: 45, organHint: 'khall' });
  });

  it('recognises Finnish and ISO dates', () => {
    expect(parseQuery('7.6.2021').date).toBe('2021-06-07');
    expect(parseQuery('kaupunginhallitus 07.06.2021')).toMatchObject({ date: '2021-06-07', text: 'kaupunginhallitus' });
    expect(parseQuery('2021-06-07').date).toBe('2021-06-07');
    expect(parseQuery('31.13.2021').date).toBeNull();
  });

  it('leaves plain words as text', () => {
    expect(parseQuery('kouluverkko')).toMatchObject({ diary: null, section: null, date: null, text: 'kouluverkko' });
    expect(parseQuery('talousarvio 2025')).toMatchObject({ section: null, text: 'talousarvio 2025' });
  });

  it('matches diary numbers and organ abbreviations', () => {
    expect(diaryMatches('5767/00.01.02.00/2021', { number: '5767', classification: null, year: '2021' })).toBe(true);
    expect(diaryMatches('5767/00.01.02.00/2021', { number: '5767', classification: '00.01', year: '2021' })).toBe(false);
    expect(diaryMatches('5767/00.01.02.00/2020', { number: '5767', classification: null, year: '2021' })).toBe(false);
    expect(organMatches('Kaupunginhallitus', 'kh')).toBe(true);
    expect(organMatches('Kunnanhallitus', 'khall')).toBe(true);
    expect(organMatches('Tekninen lautakunta', 'kh')).toBe(false);
    expect(organMatches('Tekninen lautakunta', 'tl')).toBe(true);
    expect(organMatches('Rakennus- ja ympäristölautakunta', 'rymla')).toBe(true);
  });
});

describe('snippets', () => {
  it('marks inflected and prefixed matches as separate segments, never as HTML', () => {
    const isMatch = highlighter({ stems: [stem('kouluverkko')], prefixes: ['kouluverk'] });
    const segments = markTokens('Kouluverkon muutos <b>ja</b> kouluverkkoselvitys.', isMatch);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['Kouluverkon', 'kouluverkkoselvitys']);
    expect(segments.map((s) => s.text).join('')).toBe('Kouluverkon muutos <b>ja</b> kouluverkkoselvitys.');
  });

  it('cuts a window around the densest matches', () => {
    const text = `${'Alussa on pitkä johdanto ilman osumia. '.repeat(20)}Ratapihan melu ylittää ohjearvot ratapihalla. ${'Lopuksi muuta. '.repeat(20)}`;
    const segments = snippet(text, highlighter({ stems: [stem('ratapiha')], prefixes: ['ratapiha'] }));
    const joined = segments.map((s) => s.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['Ratapihan', 'ratapihalla']);
    expect(joined.length).toBeLessThan(200);
  });
});
