import { beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { docFromItem } from '@/lib/search/docs';
import { fillerItems, IDENTIFIER_QUERIES, labelledItems, LABELLED_QUERIES } from './corpus';

let engine: SearchEngine;
beforeAll(() => {
  const index = new SearchIndex();
  for (const item of [...labelledItems(), ...fillerItems(400)]) index.add(docFromItem(item, null));
  engine = new SearchEngine(index);
});

function top(q: string, n = 10): string[] {
  return engine.search(q, { limit: n }).hits.map((h) => h.meta.itemId);
}

describe('ranking on the labelled Finnish queries', () => {
  it('has at least 30 labelled queries', () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(LABELLED_QUERIES)('"$q" finds its items in the top 10', ({ q, expect: wanted }) => {
    expect(top(q)).toEqual(expect.arrayContaining(wanted));
  });

  it.each(LABELLED_QUERIES.filter((x) => x.expect.length === 1))('"$q" ranks its one item first', ({ q, expect: wanted }) => {
    expect(top(q, 1)).toEqual(wanted);
  });

  it.each(IDENTIFIER_QUERIES)('identifier "$q" goes to exact lookup first', ({ q, expect: wanted }) => {
    const result = engine.search(q, { limit: 10 });
    const exact = result.hits.filter((h) => h.route === 'exact').map((h) => h.meta.itemId);
    expect(exact).toEqual(expect.arrayContaining(wanted));
    expect(result.hits.slice(0, exact.length).every((h) => h.route === 'exact')).toBe(true);
  });

  it('finds compounds by their beginning while typing (kouluverk)', () => {
    const result = engine.search('kouluverk', { limit: 5 });
    expect(result.hits.slice(0, 3).map((h) => h.meta.title)).toEqual(
      expect.arrayContaining(['Kouluverkkoselvitys 2024–2030', 'Lausunto kouluverkkoselvityksestä', 'Kouluverkkoa koskeva päätös']),
    );
  });

  it('tolerates a typo in a title through the fuzzy fallback', () => {
    const result = engine.search('uimahali', { limit: 5 });
    expect(result.hits.map((h) => h.meta.itemId)).toContain('s15');
  });

  it('counts facets and filters by them', () => {
    const all = engine.search('kouluverkko');
    expect(all.facets.organ['Kaupunginvaltuusto']).toBe(1);
    expect(all.facets.year['2024']).toBe(3);
    const voted = engine.search('kouluverkko', { facets: { outcome: ['voted'] } });
    expect(voted.hits.map((h) => h.meta.itemId)).toEqual(['s3']);
  });

  it('lists everything, newest first, for an empty query', () => {
    const result = engine.search('', { limit: 3 });
    expect(result.total).toBeGreaterThan(400);
    expect(result.hits[0]!.meta.date! >= result.hits[1]!.meta.date!).toBe(true);
  });
});
