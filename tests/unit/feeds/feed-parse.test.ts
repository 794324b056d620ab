import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { analyzeFeed, decodeEntities, parseFeed, splitFeedTitle } from '@/lib/dynasty/feed';

const fixture = readFileSync(resolve(__dirname, '../../fixtures/dynasty/text/kokkola10-rss-meetingitems-trimmed.utf8.xml'), 'utf8');
const schema = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/contract/parse-output.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ strict: false }).compile(schema);

/** The live feed's bytes are ISO-8859-1: re-encode the UTF-8 transcription the way the server sends it. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code > 255) throw new Error(`not Latin-1: ${c}`);
    return code;
  });
}
const FEED_URL = 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10';

function rss(items: string, description = 'Dynasty - Kokousasiat'): string {
  return `<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title><![CDATA[Dynasty]]></title><description><![CDATA[${description}]]></description><link><![CDATA[https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meeting_frames]]></link>${items}</channel></rss>`;
}
function item(title: string, link: string): string {
  return `<item><title><![CDATA[${title}]]></title><description><![CDATA[${title}]]></description><link><![CDATA[${link}]]></link></item>`;
}

describe('parseFeed on the real Kokkola sample (ISO-8859-1 bytes)', () => {
  const page = parseFeed(latin1(fixture), { url: FEED_URL, contentType: 'text/xml' });

  it('reads both entries with organ, ISO date, title, id and a link without :443', () => {
    expect(page.entries).toEqual([
      {
        id: '20261273-7',
        organ: 'Konserni- ja kaupunkikehitysjaosto',
        date: '2026-08-27',
        title: 'Asuntotuotannon edistäminen kunnassa',
        url: 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=meetingitem&id=20261273-7',
      },
      {
        id: '20261273-3',
        organ: 'Konserni- ja kaupunkikehitysjaosto',
        date: '2026-08-27',
        title: 'Työjärjestyksen hyväksyminen',
        url: 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=meetingitem&id=20261273-3',
      },
    ]);
  });

  it('knows the feed kind, portal and generation, warns of nothing, and fits the contract', () => {
    expect(page).toMatchObject({ kind: 'feed', feedKind: 'meetingitems', portal: 'https://kokkola10.oncloudos.com', generation: 'dynamic', warnings: [] });
    expect(validate(page), JSON.stringify(validate.errors)).toBe(true);
  });

  it('reads the kind from the description and the portal from the channel link when the address is unknown', () => {
    const anonymous = parseFeed(latin1(fixture), { url: null });
    expect(anonymous.feedKind).toBe('meetingitems');
    expect(anonymous.portal).toBe('https://kokkola10.oncloudos.com');
    expect(anonymous.entries[1]?.title).toBe('Työjärjestyksen hyväksyminen');
  });

  it('reports the charset used', () => {
    expect(analyzeFeed(latin1(fixture), { url: FEED_URL }).charset).toBe('windows-1252');
  });
});

describe('feed text details', () => {
  it('decodes HTML entities inside CDATA, numeric ones too', () => {
    const page = parseFeed(
      latin1(rss(item('Kaupunginhallitus 01.02.2024 / Ty&ouml;llisyys &ndash; raportti &amp; muut &#228;&#x2013;&#150;', 'http://ep10.kouvola.fi:80/cgi/DREQUEST.PHP?page=meetingitem&amp;id=2024100-1'))),
      { url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10' },
    );
    expect(page.entries[0]).toEqual({
      id: '2024100-1',
      organ: 'Kaupunginhallitus',
      date: '2024-02-01',
      title: 'Työllisyys – raportti & muut ä––',
      url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2024100-1',
    });
  });

  it('splits on the first " / " only', () => {
    expect(splitFeedTitle('Tekninen lautakunta 3.9.2024 / Katu A / B -välin saneeraus')).toEqual({
      organ: 'Tekninen lautakunta',
      date: '2024-09-03',
      title: 'Katu A / B -välin saneeraus',
    });
    expect(splitFeedTitle('Ilman päivämäärää / otsikko')).toMatchObject({ organ: null, date: null, title: 'Ilman päivämäärää / otsikko' });
    expect(splitFeedTitle('Kh 31.02.2024 / X')).toMatchObject({ organ: 'Kh', date: null, title: 'X' });
    // The same calendar check as the page parsers (lib/dynasty/dates.ts): no meeting is dated 0024.
    expect(splitFeedTitle('Kh 12.06.0024 / X')).toMatchObject({ organ: 'Kh', date: null, title: 'X' });
    expect(splitFeedTitle('Kaupunginvaltuusto 12.06.2024')).toEqual({ organ: 'Kaupunginvaltuusto', date: '2024-06-12', title: 'Kaupunginvaltuusto 12.06.2024' });
  });

  it('leaves unknown entities as written and drops markup', () => {
    expect(decodeEntities('a &foo; b &lt;b&gt;')).toBe('a &foo; b <b>');
    const page = parseFeed(latin1(rss(item('Kh 1.1.2024 / <b>Lihava</b> otsikko', 'https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1'))), { url: null });
    expect(page.entries[0]?.title).toBe('Lihava otsikko');
  });

  it('parses meetings and official_decisions generically, with a warning', () => {
    const meetings = parseFeed(latin1(rss(item('Kaupunginhallitus 12.06.2024', 'https://x.fi/cgi/DREQUEST.PHP?page=meeting&id=2024123'), 'Dynasty - Kokoukset')), {
      url: 'https://x.fi/cgi/DREQUEST.PHP?page=rss/meetings&show=30',
    });
    expect(meetings.feedKind).toBe('meetings');
    expect(meetings.entries[0]).toMatchObject({ id: '2024123', organ: 'Kaupunginhallitus', date: '2024-06-12' });
    expect(meetings.warnings.join(' ')).toMatch(/not verified/);
    const decisions = parseFeed(latin1(rss(item('Päätös', 'https://x.fi/cgi/DREQUEST.PHP?page=official_decision&id=77'), 'Dynasty - Viranhaltijapäätökset')), {
      url: 'https://x.fi/cgi/DREQUEST.PHP?page=rss/official_decisions&show=30',
    });
    expect(decisions).toMatchObject({ feedKind: 'official_decisions', entries: [{ id: '77', title: 'Päätös', organ: null, date: null }] });
  });
});

describe('broken feeds never throw and keep what they can', () => {
  const url = 'https://x.fi/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10';
  const good = item('Kh 01.01.2024 / Eka', 'https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1');

  it('truncated in the middle of an item: entries so far plus a warning', () => {
    const text = rss(good + item('Kh 01.01.2024 / Toka', 'https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-2'));
    const cut = text.slice(0, text.lastIndexOf('Toka') + 2);
    const result = analyzeFeed(latin1(cut), { url });
    expect(result.recognized).toBe(true);
    expect(result.page.entries.map((e) => e.title)).toEqual(['Eka']);
    expect(result.page.warnings.join(' ')).toMatch(/truncated|not closed/);
  });

  it('an HTML error page, 0 bytes and garbage are not feeds', () => {
    for (const body of ['<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>', '', '\u0000\u0001garbage']) {
      const result = analyzeFeed(latin1(body), { url });
      expect(result.recognized).toBe(false);
      expect(result.page.entries).toEqual([]);
      expect(result.page.warnings.length).toBeGreaterThan(0);
      expect(validate(result.page)).toBe(true);
    }
  });

  it('javascript: and data: links are kept as url null, never a link', () => {
    const page = parseFeed(latin1(rss(good + item('Kh 01.01.2024 / Paha', 'javascript:alert(1)') + item('Kh 01.01.2024 / Data', 'data:text/html,<b>x</b>'))), { url });
    expect(page.entries.map((e) => [e.title, e.url, e.id])).toEqual([
      ['Eka', 'https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1', '1-1'],
      ['Paha', null, null],
      ['Data', null, null],
    ]);
    expect(page.warnings.join(' ')).toMatch(/not http/);
  });

  it('duplicate ids are kept once, with a warning', () => {
    const page = parseFeed(latin1(rss(good + good + good)), { url });
    expect(page.entries).toHaveLength(1);
    expect(page.warnings.join(' ')).toMatch(/2 duplicate entries/);
  });

  it('malformed XML: unclosed items, stray tags, unclosed CDATA', () => {
    const text = rss(`<item><title><![CDATA[Kh 01.01.2024 / Auki]]></title><link>https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2-1</link>${good}<item><title><![CDATA[rikki`);
    const page = parseFeed(latin1(text), { url });
    expect(page.entries.map((e) => e.title)).toEqual(['Auki', 'Eka']);
    expect(page.warnings.join(' ')).toMatch(/not closed/);
  });

  it('a wrong charset declaration still gives readable Finnish', () => {
    const text = rss(item('Kh 01.01.2024 / Äänestys', 'https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=3-1')).replace('iso-8859-1', 'utf-8');
    const page = parseFeed(latin1(text), { url, contentType: 'text/xml; charset=utf-8' });
    expect(page.entries[0]?.title).toBe('Äänestys');
    expect(page.warnings.join(' ')).toMatch(/not UTF-8/);
  });

  it('a 20 MB feed of repeated entries parses without throwing', { timeout: 30_000 }, () => {
    const many = Array.from({ length: 2000 }, (_, i) => item(`Kh 01.01.2024 / Asia ${i} ${'x'.repeat(5000)}`, `https://x.fi/cgi/DREQUEST.PHP?page=meetingitem&id=9-${i}`)).join('');
    const bytes = new Uint8Array(Buffer.from(rss(many), 'latin1'));
    expect(bytes.length).toBeGreaterThan(20_000_000);
    expect(parseFeed(bytes, { url }).entries).toHaveLength(2000);
  });
});
