/**
 * The demo portal's snapshot pages (tests/fixtures/demo-portal/pages/, owned by the demo portal) are what
 * the extension is shown in the demo and e2e runs: each must parse to its kind with the heading fields
 * found, schema-valid, without warnings about missing organ or date. Robust to the demo data changing:
 * values are checked against the page itself, not against fixed numbers.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage } from '@/lib/dynasty/index';
import { FIXTURES, linkedomDocument, readDecoded, schemaErrors } from './helpers';

const DIR = resolve(FIXTURES, 'demo-portal/pages');
const pages = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.html')) : [];

function urlOf(file: string): string {
  const m = /^(meetingitem|meetings|meeting)-([\w-]+?)(?:\.generated)?\.html$/.exec(file);
  const query = m ? `page=${m[1]}&id=${m[2]}` : `page=${file.replace(/\.html$/, '')}`;
  return `http://ep10.kouvola.fi/cgi/DREQUEST.PHP?${query}`;
}

describe.runIf(pages.length > 0)('demo portal snapshots', () => {
  it.each(pages)('%s', (file) => {
    const html = readDecoded(resolve(DIR, file));
    const doc = linkedomDocument(html);
    const page = parsePage(doc, urlOf(file));
    expect(schemaErrors(page)).toBe('');
    const text = (doc.body?.textContent ?? '').replace(/\s+/g, ' ');
    switch (page.kind) {
      case 'meetingItem':
      case 'meeting':
        expect(page.organ).not.toBeNull();
        expect(text).toContain(page.organ!);
        expect(page.meetingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (page.kind === 'meeting') expect(page.items.length).toBeGreaterThan(0);
        if (page.kind === 'meetingItem') expect(page.title).not.toBeNull();
        break;
      case 'organMeetings':
        expect(page.organ).not.toBeNull();
        expect(text).toContain(page.organ!);
        expect(page.meetings.length).toBeGreaterThan(0);
        break;
      case 'organList':
        expect(page.organs.length).toBeGreaterThan(0);
        for (const organ of page.organs) expect(text).toContain(organ.name);
        break;
      default:
        throw new Error(`unexpected kind ${page.kind}`);
    }
  });
});
