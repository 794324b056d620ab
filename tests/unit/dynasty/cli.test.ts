/**
 * `npm run --silent parse -- <file> [--url <address>]`: what a user runs to report a page that parses
 * wrong. Bytes are decoded as the page declares (the Espoo pages are windows-1252), feeds go to the feed
 * parser, output is one schema-valid JSON document; unreadable input exits 2 with one line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DYNASTY, EXPECTED, schemaErrors } from './helpers';

const ROOT = resolve(import.meta.dirname, '../../..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/parse.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('parse CLI', () => {
  it('prints the expected JSON for a windows-1252 static page given its address', () => {
    const { code, out, err } = cli(resolve(DYNASTY, 'static-espoo/2013262303-5.HTM'), '--url', 'http://espoo04.hosting.documenta.fi/kokous/2013262303-5.HTM');
    expect(err).toBe('');
    expect(code).toBe(0);
    const page = JSON.parse(out) as Record<string, unknown>;
    expect(schemaErrors(page)).toBe('');
    const expected = JSON.parse(readFileSync(resolve(EXPECTED, '2013262303-5.HTM.json'), 'utf8')) as Record<string, unknown>;
    expect({ ...page, warnings: [] }).toEqual({ ...expected, warnings: [] });
    expect(page.organ).toBe('Ympäristölautakunta'); // ä decoded from windows-1252
  }, 60_000);

  it('without --url infers the kind and id from the file name and says so', () => {
    const { code, out } = cli(resolve(DYNASTY, 'reconstructed/hsy10.oncloudos.com-meetingitem-202041-2.html'));
    expect(code).toBe(0);
    const page = JSON.parse(out) as { kind: string; itemId: string; url: null; warnings: string[]; links: { next: string | null } };
    expect(page.kind).toBe('meetingItem');
    expect(page.itemId).toBe('202041-2');
    expect(page.url).toBeNull();
    expect(page.links.next).toBeNull();
    expect(page.warnings.join(' ')).toMatch(/address/);
  }, 60_000);

  it('sends a feed (XML declaration) to the feed parser and keeps it schema-valid', () => {
    const { code, out } = cli(resolve(DYNASTY, 'text/kokkola10-rss-meetingitems-trimmed.utf8.xml'), '--url', 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10');
    expect(code).toBe(0);
    const feed = JSON.parse(out) as { kind: string; entries: unknown[] };
    expect(schemaErrors(feed)).toBe('');
    expect(feed.kind).toBe('feed');
    expect(feed.entries.length).toBe(2);
  }, 60_000);

  it('exits 2 with one line for a missing file, a binary file and an empty file', () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'pykala-cli-'));
    const binary = resolve(dir, 'x.pdf');
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x01, 0x02]));
    const empty = resolve(dir, 'empty.html');
    writeFileSync(empty, '');
    for (const file of [resolve(dir, 'missing.html'), binary, empty]) {
      const { code, out, err } = cli(file);
      expect(code, file).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
    }
    expect(cli().code).toBe(2);
  }, 60_000);
});
