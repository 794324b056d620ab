/**
 * Feed figures. `feed.parse_1000_ms`: median time to parse a 1000-entry ISO-8859-1 Dynasty feed from
 * bytes with lib/dynasty/feed.ts (goal < 20 ms); beside it, for the record, the same bytes through
 * fast-xml-parser (decode + tree + entity handling) to justify the hand-written scanner.
 * The polling figures (`feeds.poll_90_ms`, `feeds.nochange_writes`) run the real watcher core against
 * a local demo-style portal server.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeBytes } from '../lib/dynasty/charset';
import { parseFeed } from '../lib/dynasty/feed';
import { median, type BenchRow } from './types';

export function thousandEntryFeed(count = 1000): Uint8Array {
  const organs = ['Kaupunginhallitus', 'Tekninen lautakunta', 'Sivistyslautakunta', 'Konserni- ja kaupunkikehitysjaosto'];
  let items = '';
  for (let i = 0; i < count; i++) {
    const title = `${organs[i % organs.length]} ${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2026 / Työjärjestyksen hyväksyminen &ndash; pykälä ${i} / Ympäristö&ouml;n vaikutukset`;
    const link = `https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meetingitem&id=2026${1000 + (i >> 4)}-${i & 15}`;
    items += `<item><title><![CDATA[${title}]]></title><description><![CDATA[${title}]]></description><link><![CDATA[${link}]]></link></item>`;
  }
  const text = `<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title><![CDATA[Dynasty]]></title><description><![CDATA[Dynasty - Kokousasiat]]></description><link><![CDATA[https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meeting_frames]]></link>${items}</channel></rss>`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function timeIt(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<BenchRow[]> {
  const bytes = thousandEntryFeed();
  const url = 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=rss/meetingitems&show=1000';
  const entries = parseFeed(bytes, { url }).entries.length;
  if (entries !== 1000) throw new Error(`expected 1000 entries, parsed ${entries}`);
  const scanner = timeIt(() => parseFeed(bytes, { url }), 41);
  const fxp = new XMLParser({ htmlEntities: true, processEntities: true, ignoreAttributes: true });
  const library = timeIt(() => {
    const doc = fxp.parse(decodeBytes(bytes).text) as { rss?: { channel?: { item?: unknown[] } } };
    return doc.rss?.channel?.item?.length;
  }, 41);
  const rows: BenchRow[] = [
    { name: 'feed.parse_1000_ms', value: scanner, goal: '< 20', pass: scanner < 20 },
    { name: 'feed.parse_1000_fxp_ms', value: library, goal: 'fast-xml-parser, same bytes (reference)' },
  ];
  return rows;
}
