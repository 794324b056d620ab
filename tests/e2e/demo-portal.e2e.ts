/**
 * The demo portal answers the way live Dynasty servers do: byte encodings, charsets, feed shape,
 * any base path, and the test controls (publish, faults, counters). No browser needed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../demo-portal/server';
import { fetchAs, SNAPSHOT_DIR, SNAPSHOTS } from '../../demo-portal/snapshot';

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal();
});
afterAll(async () => {
  await portal.close();
});

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${portal.url}${path}`, init);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('demo portal', () => {
  it('serves the Kouvola § 210 item as UTF-8, also under a path prefix and with &amp;id=', async () => {
    for (const path of [
      '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11',
      '/kouvola/cgi/DREQUEST.PHP?page=meetingitem&amp;id=2021587-11',
    ]) {
      const { response, bytes } = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/charset=utf-8/i);
      const text = bytes.toString('utf8');
      expect(text).toContain('Loppuraportti Kouvolan strategiatoteutumasta');
      expect(text).toContain('Pöytäkirja');
    }
  });

  it('serves the static Espoo pages byte-exact as windows-1252, file names case-insensitive', async () => {
    const { response, bytes } = await get('/kokous/2017409886-4.htm');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/charset=windows-1252/i);
    expect(bytes.equals(readFileSync(resolve(import.meta.dirname, '../fixtures/dynasty/static-espoo/2017409886-4.HTM')))).toBe(true);
  });

  it('serves a PDF for any /kokous/*.PDF', async () => {
    const { response, bytes } = await get('/kokous/2021587-11.PDF');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('sends feeds as ISO-8859-1 bytes on one line, CDATA, absolute links with an explicit port', async () => {
    const { response, bytes } = await get('/p7/cgi/DREQUEST.PHP?page=rss/meetingitems&show=2');
    expect(response.headers.get('content-type')).toMatch(/iso-8859-1/i);
    const text = bytes.toString('latin1');
    expect(text.startsWith("<?xml version='1.0' encoding='iso-8859-1'?><rss")).toBe(true);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/<guid|<pubDate/);
    expect(text.match(/<item>/g)).toHaveLength(2);
    expect(text).toContain(`<link><![CDATA[http://127.0.0.1:${portal.port}/p7/cgi/DREQUEST.PHP?page=meetingitem&id=`);
    // A Finnish letter is one byte (0xE4 for ä), not two as in UTF-8.
    const meetings = (await get('/cgi/DREQUEST.PHP?page=rss/meetings&show=10')).bytes;
    expect(meetings.includes(Buffer.from('Pöytäkirja', 'latin1'))).toBe(true);
    expect(meetings.includes(Buffer.from('Pöytäkirja', 'utf8'))).toBe(false);
  });

  it('publishes a new item first in the meetingitems feed, with a page and a place in its meeting', async () => {
    const published = portal.publishItem({ organ: 'Kaupunginhallitus', date: '2026-11-30', title: 'Ratapihan asemakaava – ehdotus', kind: 'Esityslista' });
    const feed = (await get('/cgi/DREQUEST.PHP?page=rss/meetingitems&show=1')).bytes.toString('latin1');
    expect(feed).toContain('<title><![CDATA[Kaupunginhallitus 30.11.2026 / Ratapihan asemakaava &ndash; ehdotus]]></title>');
    expect(feed).toContain(`id=${published.id}]]>`);
    const page = await get(published.path);
    expect(page.response.status).toBe(200);
    expect(page.bytes.toString('utf8')).toContain('Ratapihan asemakaava – ehdotus');
    const meeting = await get(`/cgi/DREQUEST.PHP?page=meeting&id=${published.id.split('-')[0]}`);
    expect(meeting.bytes.toString('utf8')).toContain(`page=meetingitem&amp;id=${published.id}`);
  });

  it('lists organs, an organ\'s meetings and a meeting\'s items, each marked as reconstructed', async () => {
    const frames = (await get('/cgi/DREQUEST.PHP?page=meeting_frames')).bytes.toString('utf8');
    expect(frames.split('\n')[0]).toMatch(/RECONSTRUCTED/);
    expect(frames).toContain("page=meetings&amp;id=02100'>Kaupunginhallitus<");
    const meetings = (await get('/cgi/DREQUEST.PHP?page=meetings&id=02100')).bytes.toString('utf8');
    expect(meetings).toContain("page=meeting&amp;id=2021587'>Pöytäkirja<");
    const meeting = (await get('/cgi/DREQUEST.PHP?page=meeting&id=2021587')).bytes.toString('utf8');
    expect(meeting).toContain('Loppuraportti Kouvolan strategiatoteutumasta');
  });

  it('answers unknown ids with a 404 page and search with 0 bytes', async () => {
    expect((await get('/cgi/DREQUEST.PHP?page=meetingitem&id=1-1')).response.status).toBe(404);
    const search = await get('/cgi/DREQUEST.PHP?page=search');
    expect(search.response.status).toBe(200);
    expect(search.bytes.length).toBe(0);
  });

  it('makes one feed fail in each way on request while the others keep working', async () => {
    const path = '/cgi/DREQUEST.PHP?page=rss/meetingitems';
    const expectations: [Parameters<DemoPortal['setFeedFault']>[1], (r: Response, b: Buffer) => void][] = [
      ['500', (r) => expect(r.status).toBe(500)],
      ['404', (r) => expect(r.status).toBe(404)],
      ['html', (r, b) => expect([r.headers.get('content-type'), b.toString('utf8')]).toEqual([expect.stringMatching(/text\/html/), expect.stringContaining('<html')])],
      ['malformed', (r, b) => expect(b.toString('latin1').endsWith('</rss>')).toBe(false)],
      ['empty', (r, b) => expect([r.status, b.length]).toEqual([200, 0])],
      ['wrong-charset', (_r, b) => expect(b.includes(Buffer.from('ä', 'utf8'))).toBe(true)],
    ];
    for (const [fault, check] of expectations) {
      portal.setFeedFault('meetingitems', fault);
      const { response, bytes } = await get(path);
      check(response, bytes);
      expect((await get('/cgi/DREQUEST.PHP?page=rss/meetings')).response.status).toBe(200);
    }
    portal.setFeedFault('meetingitems', 'slow', { delayMs: 5_000 });
    await expect(fetch(`${portal.url}${path}`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    portal.setFeedFault('meetingitems', 'huge', { prefix: '/big' });
    expect((await get(`/big${path}`)).bytes.length).toBeGreaterThan(20 * 1024 * 1024);
    expect((await get(`/small${path}`)).bytes.length).toBeGreaterThan(0);
    portal.setFeedFault('meetingitems', null);
    portal.setFeedFault('meetingitems', null, { prefix: '/big' });
    expect((await get(path)).response.status).toBe(200);
  });

  it('counts requests per path and page', async () => {
    portal.requests.reset();
    await get('/a/cgi/DREQUEST.PHP?page=rss/meetings');
    await get('/b/cgi/DREQUEST.PHP?page=rss/meetings');
    await get('/b/cgi/DREQUEST.PHP?page=rss/meetings');
    expect(portal.requests.count('/b/cgi/DREQUEST.PHP?page=rss/meetings')).toBe(2);
    expect(portal.requests.count('page=rss/')).toBe(3);
    expect(portal.requests.total).toBe(3);
  });

  it('serves a non-Dynasty page and the manual controls', async () => {
    expect((await get('/other.html')).bytes.toString('utf8')).toContain('ei ole Dynasty-portaali');
    const publish = await get('/__demo/publish?organ=Tarkastuslautakunta&title=K%C3%A4sin%20julkaistu&date=01.12.2026');
    const body = JSON.parse(publish.bytes.toString('utf8')) as { url: string };
    expect((await fetch(body.url)).status).toBe(200);
  });

  it('supports conditional feed requests when asked to', async () => {
    const conditional = await startDemoPortal({ conditional: true });
    try {
      const first = await fetch(`${conditional.url}/cgi/DREQUEST.PHP?page=rss/meetings`);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const second = await fetch(`${conditional.url}/cgi/DREQUEST.PHP?page=rss/meetings`, { headers: { 'If-None-Match': etag! } });
      expect(second.status).toBe(304);
    } finally {
      await conditional.close();
    }
  });

  it('matches the page and feed snapshots in tests/fixtures/demo-portal/pages (npm run demo:snapshot)', async () => {
    const fresh = await startDemoPortal();
    try {
      for (const [file, path] of Object.entries(SNAPSHOTS)) {
        const served = await fetchAs(fresh, path);
        expect(served.equals(readFileSync(resolve(SNAPSHOT_DIR, file))), `${file} is stale: run npm run demo:snapshot`).toBe(true);
      }
    } finally {
      await fresh.close();
    }
  });
});
