/**
 * Every real saved page and every reconstruction parses to its expected JSON
 * (tests/fixtures/expected/<file>.json, written by reading the page), in two DOM implementations,
 * and every output conforms to the contract schema. Warnings are free text: the expected file lists
 * the ones that must appear; others may.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage, parseShownPage } from '@/lib/dynasty/index';
import type { ParsedPage } from '@/lib/dynasty/types';
import { EXPECTED, happyDocument, linkedomDocument, pageFixtures, readDecoded, schemaErrors } from './helpers';

function withoutWarnings(page: ParsedPage | Record<string, unknown>): Record<string, unknown> {
  const { warnings: _warnings, ...rest } = page as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

describe.each(pageFixtures())('$name', ({ path, name }) => {
  const expectedPath = resolve(EXPECTED, `${name}.json`);
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, unknown> & { url: string };
  const html = readDecoded(path);

  it('has an expected output written for it', () => {
    expect(existsSync(expectedPath)).toBe(true);
    expect(schemaErrors(expected)).toBe('');
  });

  it('parses to the expected JSON (linkedom, as the CLI does)', () => {
    const page = parsePage(linkedomDocument(html), expected.url);
    expect(schemaErrors(page)).toBe('');
    expect(Array.isArray(page.warnings)).toBe(true);
    // Warnings are free text: the ones the expected file lists must be there (what a reader misses).
    for (const warning of expected.warnings as string[]) expect(page.warnings).toContain(warning);
    expect(withoutWarnings(page)).toEqual(withoutWarnings(expected));
  });

  it('parses to the same JSON in happy-dom (another DOM implementation)', () => {
    const page = parsePage(happyDocument(html, expected.url), expected.url);
    expect(withoutWarnings(page)).toEqual(withoutWarnings(expected));
  });

  it('parses the same in the content script, which reads only the kinds its panel shows', () => {
    const page = parseShownPage(linkedomDocument(html), expected.url);
    if (['meetingItem', 'meeting', 'organMeetings'].includes(expected.kind as string)) {
      expect(withoutWarnings(page)).toEqual(withoutWarnings(expected));
    } else {
      // An organ list or officer decision gets no panel: nothing is read from it.
      expect(page.kind).toBe('unknown');
      expect(page.warnings.join(' ')).toMatch(/not read here/);
    }
  });

  it('without its address still finds the same fields, with warnings and no resolved links', () => {
    const page = parsePage(linkedomDocument(html), null, { fileName: name });
    expect(schemaErrors(page)).toBe('');
    expect(page.kind).toBe(expected.kind);
    expect(page.url).toBeNull();
    expect(page.portal).toBeNull();
    expect(page.warnings.join(' ')).toMatch(/address/);
    if (page.kind === 'meetingItem') {
      for (const field of ['organ', 'documentKind', 'meetingDate', 'section', 'agendaNumber', 'title', 'diaryNumber', 'proposal', 'decision', 'outcome'] as const) {
        expect(page[field], field).toEqual(expected[field]);
      }
      expect(page.itemId).toBe(expected.itemId);
    }
  });
});
